/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.usecase.Lifecycle;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entry point: finds providers and builds {@link ComplaintClient}s.
 *
 * <pre>{@code
 * ComplaintClient client = Complaints.client(AllinpayConfig.builder()
 *         .sandbox().appid("00000156").cusid("990581007426001")
 *         .signType(SignType.SM2).privateKey(pkcs8).platformPublicKey(x509)
 *         .build());
 * client.history(ComplaintId.of("200201820200101080076610000")).forEach(System.out::println);
 * }</pre>
 *
 * <p>Selection is by provider id and deterministic: a provider instance passed to
 * {@link Builder#provider(ComplaintProvider)} always wins; otherwise the one ServiceLoader finds
 * with that id. An unknown id is a {@link ConfigurationException} naming the ids found and the
 * artifact to add.
 */
public final class Complaints {
    private Complaints() {}

    /** @return the providers on the context class loader's class path (or this class's loader) */
    public static ProviderRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Complaints.class.getClassLoader());
    }

    /** @param loader where to look @return the providers found there */
    public static ProviderRegistry discover(ClassLoader loader) {
        return ProviderRegistry.load(loader);
    }

    /**
     * @param config a provider's configuration; the provider is found by its id
     * @return a client with the default transport and retry policy
     */
    public static ComplaintClient client(ProviderConfig config) {
        return builder().config(config).build();
    }

    /**
     * @param providerId the provider to use
     * @param properties its settings, keys {@code <provider>.<setting>} (other providers' keys are ignored)
     * @return a client with the default transport and retry policy
     */
    public static ComplaintClient client(String providerId, Map<String, String> properties) {
        return builder().providerId(providerId).properties(properties).build();
    }

    /** @return a builder for full control (transport, time-out, retry policy, explicit provider) */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ComplaintClient}. */
    public static final class Builder {
        private ComplaintProvider<?> provider;
        private ProcessedNotifications processedNotifications;
        private SharedState sharedState;
        private String providerId;
        private ProviderConfig config;
        private Map<String, String> properties;
        private HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout = ProviderContext.DEFAULT_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ClassLoader classLoader;
        private String name;
        private final List<ClientObserver> observers = new java.util.ArrayList<>();

        private Builder() {}

        /**
         * @param name what the client is called in observations and logs, e.g. a merchant's name in
         *     a back end with several (default: the provider id); not secret, low in cardinality
         * @return this
         */
        public Builder name(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds an observer of every call the client makes (metrics, tracing, health); observers added
         * earlier start first and end last.
         *
         * @param observer the observer
         * @return this
         */
        public Builder observer(ClientObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** @param provider use this instance; it wins over anything on the class path @return this */
        public Builder provider(ComplaintProvider<?> provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** @param providerId the id of the provider to discover @return this */
        public Builder providerId(String providerId) {
            this.providerId = Objects.requireNonNull(providerId, "providerId");
            return this;
        }

        /** @param config the typed configuration; also selects the provider by its id @return this */
        public Builder config(ProviderConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @param properties settings with keys {@code <provider>.<setting>} @return this */
        public Builder properties(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
            return this;
        }

        /** @param transport the HTTP transport (default: the shared JDK transport) @return this */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** @param clock the clock (default: system UTC) @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param timeout how long one exchange may take (default 30 s) @return this */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param policy when to repeat failed calls (default {@link RetryPolicy#defaults()}) @return this */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param store remembers processed notifications (default: an in-memory store per client;
         *     share one store between clients, or one on Redis between instances)
         * @return this
         */
        public Builder processedNotifications(ProcessedNotifications store) {
            this.processedNotifications = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param state the rate permits, access tokens and processed notifications this client shares
         *     with others made with the same state (default: {@link SharedState#jvm()} for permits and
         *     tokens, and an in-memory notification store per client); a distributed state (e.g. on Redis)
         *     shares them between instances of a back end. {@link #processedNotifications} overrides its
         *     notification store.
         * @return this
         */
        public Builder sharedState(SharedState state) {
            this.sharedState = Objects.requireNonNull(state, "state");
            return this;
        }

        /** @param loader where discovery looks (default: the context class loader) @return this */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * @return the client
         * @throws ConfigurationException when the provider cannot be found or its settings are invalid
         */
        public ComplaintClient build() {
            String id = providerId != null ? providerId
                    : config != null ? config.providerId()
                    : provider != null ? provider.id() : null;
            if (id == null) {
                throw new ConfigurationException("Say which provider to use: pass a config, a provider id or a provider instance");
            }
            ComplaintProvider<?> chosen = provider != null ? provider
                    : (classLoader != null ? discover(classLoader) : discover()).require(id);
            if (!chosen.id().equals(id)) {
                throw new ConfigurationException("The provider instance has id '" + chosen.id()
                        + "' but the configuration is for '" + id + "'");
            }
            if (chosen.spiVersion() > ComplaintProvider.SPI_VERSION) {
                throw new ConfigurationException("Provider '" + id + "' (" + chosen.getClass().getName() + ") needs SPI version "
                        + chosen.spiVersion() + " but this complaintkit-core offers " + ComplaintProvider.SPI_VERSION
                        + "; upgrade complaintkit-core to the version in the provider's BOM");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()
                    || requestTimeout.compareTo(ProviderContext.MAX_TIMEOUT) > 0) {
                throw new ConfigurationException(List.of(new dev.complaintkit.error.Violation("requestTimeout", "range",
                        "must be positive and at most " + ProviderContext.MAX_TIMEOUT + " (was " + requestTimeout + ")")));
            }
            ProviderConfig effective = guarded(id, "read its settings",
                    () -> config != null ? config : chosen.configFromProperties(properties == null ? Map.of() : properties));
            ProviderContext context = new ProviderContext(
                    transport != null ? transport : ProviderContext.defaults().transport(), clock, requestTimeout,
                    sharedState != null ? sharedState : SharedState.jvm());
            if (!chosen.configType().isInstance(effective)) {
                throw new ConfigurationException("Provider '" + id + "' takes a " + chosen.configType().getSimpleName()
                        + ", not a " + effective.getClass().getSimpleName());
            }
            ProviderAdapter adapter = guarded(id, "create its client", () -> createTyped(chosen, effective, context));
            if (!chosen.adapterType().isInstance(adapter)) {
                adapter.close();
                throw new ConfigurationException("Provider '" + id + "' (" + chosen.getClass().getName() + ") created a "
                        + adapter.getClass().getName() + ", not the " + chosen.adapterType().getName()
                        + " its capabilities are derived from (a bug in the provider: please report it)");
            }
            return new ComplaintClient(id, name != null ? name : id, new Lifecycle(id, adapter, retryPolicy, clock,
                    processedNotifications != null ? processedNotifications
                            : sharedState != null ? sharedState.notifications() : ProcessedNotifications.inMemory(clock)),
                    ClientObserver.all(observers));
        }

        private static <C extends ProviderConfig> ProviderAdapter createTyped(ComplaintProvider<C> provider,
                ProviderConfig config, ProviderContext context) {
            return provider.create(provider.configType().cast(config), context);
        }

        /**
         * Runs provider code that must fail as a {@link ConfigurationException}: a provider bug (an
         * overflow, a null) surfaces typed, with the exception's class but not its message (which
         * could repeat a setting's value).
         */
        /** The failure's class and stack, without its message (which could repeat a setting's value). */
        private static Throwable withoutMessage(Throwable e) {
            RuntimeException copy = new RuntimeException(e.getClass().getName(), null, false, true) {
                private static final long serialVersionUID = 1L;
            };
            copy.setStackTrace(e.getStackTrace());
            return copy;
        }

        private static <T> T guarded(String id, String what, java.util.function.Supplier<T> step) {
            try {
                return step.get();
            } catch (dev.complaintkit.error.ComplaintException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConfigurationException("Provider '" + id + "' failed to " + what + ": "
                        + e.getClass().getName() + " (a bug in the provider: please report it)", withoutMessage(e));
            }
        }
    }
}
