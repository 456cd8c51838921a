/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.SharedState;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.redis.RedisSharedState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Shares rate permits, access tokens and processed-notification ids between several instances of one
 * back end through Redis, when {@code complaintkit-redis} (and Lettuce) is on the class path and
 * {@code complaintkit.redis.uri} is set. Binds {@code complaintkit.redis.<setting>} onto
 * {@link RedisSharedState#fromProperties}'s {@code redis.<setting>} keys, exposes the
 * {@link RedisSharedState} (pinged at start-up, closed on shutdown) and its {@link SharedState}, which
 * {@link ComplaintKitAutoConfiguration} passes to every client and uses for the notification dedupe.
 * An application's own {@link RedisSharedState} or {@link SharedState} bean takes precedence.
 */
@AutoConfiguration(before = ComplaintKitAutoConfiguration.class)
@ConditionalOnClass(value = RedisSharedState.class, name = "io.lettuce.core.RedisClient")
@ConditionalOnProperty(prefix = ComplaintKitRedisAutoConfiguration.PREFIX, name = "uri")
public class ComplaintKitRedisAutoConfiguration {
    /** The prefix of the Redis settings. */
    static final String PREFIX = ComplaintKitProperties.PREFIX + ".redis";

    /** A {@code redis.} key in a message, not already prefixed. */
    private static final Pattern KEY = Pattern.compile("(?<![\\w.])redis\\.");

    private static final Log LOG = LogFactory.getLog(ComplaintKitRedisAutoConfiguration.class);

    /** Creates the configuration. */
    public ComplaintKitRedisAutoConfiguration() {}

    /**
     * @param environment holds the {@code complaintkit.redis.*} properties
     * @return the Redis shared state, pinged once (an unreachable Redis is logged, not fatal: the
     *     configured failure modes apply until it answers)
     * @throws ComplaintClientsConfigurationException listing every bad setting, named as
     *     {@code complaintkit.redis.<setting>}
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RedisSharedState complaintkitRedisSharedState(Environment environment) {
        RedisSharedState redis;
        try {
            redis = RedisSharedState.fromProperties(settings(environment));
        } catch (ConfigurationException e) {
            throw new ComplaintClientsConfigurationException(renamed(e.violations()));
        }
        if (redis.ping()) {
            LOG.info("complaintkit: shared state on Redis, " + redis);
        } else {
            LOG.warn("complaintkit: Redis did not answer at start-up (" + redis
                    + "); the configured failure modes apply until it does");
        }
        return redis;
    }

    /**
     * @param redis the Redis shared state
     * @return its permits, tokens and processed notifications, for every client
     */
    @Bean
    @ConditionalOnMissingBean
    public SharedState complaintkitSharedState(RedisSharedState redis) {
        return redis.sharedState();
    }

    /**
     * @param environment the properties
     * @return {@code redis.<setting>} for every {@code complaintkit.redis.<setting>}, the setting in the
     *     canonical dashed spelling
     */
    static Map<String, String> settings(Environment environment) {
        Map<String, String> bound = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : bound.entrySet()) {
            out.put("redis." + ComplaintClientsFactory.setting(e.getKey()), e.getValue());
        }
        return out;
    }

    private static List<Violation> renamed(List<Violation> violations) {
        return violations.stream().map(v -> new Violation(property(v.field()), v.rule(),
                KEY.matcher(v.message()).replaceAll(ComplaintKitProperties.PREFIX + ".redis."))).toList();
    }

    private static String property(String field) {
        if (field.startsWith("redis.")) {
            return ComplaintKitProperties.PREFIX + "." + field;
        }
        return PREFIX + "." + ComplaintClientsFactory.setting(field);
    }
}
