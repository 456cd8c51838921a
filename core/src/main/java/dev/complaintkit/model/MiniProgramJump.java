/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

/**
 * A mini-program link appended to a reply (WeChat Pay's {@code mini_program_jump_info}, a
 * whitelist-only feature): the user sees {@code text} and is taken to {@code path} in the mini program
 * {@code appId}. All three are required, checked by the client before anything is sent; a provider
 * without the feature refuses a reply that carries one.
 *
 * @param appId the mini program's app id
 * @param path the page path inside it, e.g. {@code pages/order/detail?id=42}
 * @param text the text shown to the user
 */
public record MiniProgramJump(String appId, String path, String text) {}
