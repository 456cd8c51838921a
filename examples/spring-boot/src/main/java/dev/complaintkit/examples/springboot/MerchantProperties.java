/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The merchant's own settings.
 *
 * @param replyTemplate the reply sent to a new complaint; {@code {reason}} and {@code {order}} are filled in
 * @param completeAfterReply whether to mark the complaint handled right after replying
 */
@ConfigurationProperties("merchant")
public record MerchantProperties(String replyTemplate, boolean completeAfterReply) {
    public MerchantProperties {
        if (replyTemplate == null || replyTemplate.isBlank()) {
            replyTemplate = "您好，我们已收到您关于订单 {order} 的反馈（{reason}），已为您优先处理，如有疑问请联系客服。";
        }
    }
}
