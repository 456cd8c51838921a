/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

/**
 * A link appended to a reply: the user sees {@code text} and is taken to {@code url}.
 * Rules (checked by the client before anything is sent): HTTPS, at most 512 characters;
 * text required, at most 10 characters.
 *
 * @param url the HTTPS target
 * @param text the text shown to the user
 */
public record JumpLink(String url, String text) {}
