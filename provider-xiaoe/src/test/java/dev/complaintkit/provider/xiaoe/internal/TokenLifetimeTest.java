/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The lifetime the adapter believes a token answer's {@code expires_in}. */
class TokenLifetimeTest {

    @Test
    @DisplayName("lifetimes from the adapter: 2^63-1 s is cut to a week, absent, zero, negative, beyond a long or not whole is Xiaoe's 7200 s")
    void adapterClampsExpiresIn() {
        assertThat(XiaoeAdapter.tokenLifetime(Long.MAX_VALUE)).isEqualTo(Duration.ofDays(7));
        assertThat(XiaoeAdapter.tokenLifetime(new java.math.BigDecimal("1e-999999999"))).isEqualTo(Duration.ofSeconds(7200));
        assertThat(XiaoeAdapter.tokenLifetime(java.math.BigInteger.TWO.pow(80))).isEqualTo(Duration.ofSeconds(7200));
        assertThat(XiaoeAdapter.tokenLifetime(null)).isEqualTo(Duration.ofSeconds(7200));
        assertThat(XiaoeAdapter.tokenLifetime(0L)).isEqualTo(Duration.ofSeconds(7200));
        assertThat(XiaoeAdapter.tokenLifetime(-5L)).isEqualTo(Duration.ofSeconds(7200));
        assertThat(XiaoeAdapter.tokenLifetime("3600")).isEqualTo(Duration.ofSeconds(3600));
    }
}
