/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The provider SPI: {@link dev.complaintkit.spi.ComplaintProvider} (the one ServiceLoader interface),
 * its typed {@link dev.complaintkit.spi.ProviderConfig}, the {@link dev.complaintkit.spi.ProviderAdapter}
 * it creates, the {@link dev.complaintkit.spi.ProviderContext} the client lends it, and the
 * {@link dev.complaintkit.spi.Settings} view that maps {@code <id>.<setting>} properties onto a config.
 * See {@code docs/writing-a-provider.md}.
 */
package dev.complaintkit.spi;
