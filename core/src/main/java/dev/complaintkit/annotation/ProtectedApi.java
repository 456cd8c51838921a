/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that provider modules may use (canonical strings, key parsing, the response
 * pipeline) but users should not: it may change between minor releases, together with the
 * providers that ship in the same BOM. No user-facing package exposes one in its signatures; an
 * architecture rule ({@code ArchitectureRules}) enforces that.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface ProtectedApi {}
