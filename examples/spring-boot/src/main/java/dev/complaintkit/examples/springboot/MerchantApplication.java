/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A small merchant back end: answers complaint notifications and lists open complaints. */
@SpringBootApplication
@EnableConfigurationProperties(MerchantProperties.class)
public class MerchantApplication {
    /** @param args command-line arguments */
    public static void main(String[] args) {
        SpringApplication.run(MerchantApplication.class, args);
    }
}
