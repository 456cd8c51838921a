/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The complaintkit Spring Boot starter holds no code: it brings {@code complaintkit-core}, the
 * auto-configuration ({@code dev.complaintkit.spring.boot.autoconfigure}) and Micrometer
 * observations. This package exists so that the starter publishes sources and javadoc jars, as
 * Maven Central requires of every jar.
 */
package dev.complaintkit.spring.boot.starter;
