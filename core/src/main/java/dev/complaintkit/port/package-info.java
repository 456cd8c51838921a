/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The hexagon's ports (SPI for provider modules). The read side ({@link dev.complaintkit.port.ComplaintQueryPort})
 * and the write side ({@link dev.complaintkit.port.ComplaintReplyPort}) each have one small port per
 * capability; {@link dev.complaintkit.port.NotificationPort} is the inbound port;
 * {@link dev.complaintkit.port.HttpTransport}, {@link dev.complaintkit.port.Signer} and
 * {@link dev.complaintkit.port.Codec} are what a provider uses to speak its wire. A provider's
 * capabilities are exactly the capability ports its adapter class implements.
 */
package dev.complaintkit.port;
