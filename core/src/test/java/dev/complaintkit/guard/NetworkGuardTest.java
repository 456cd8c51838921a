/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The test network guard")
class NetworkGuardTest {

    @Test
    @DisplayName("every test JVM resolves names only from a hosts file that maps nothing but loopback")
    void hostsFileHoldsOnlyLoopback() throws IOException {
        String file = System.getProperty("jdk.net.hosts.file");
        assertThat(file).as("jdk.net.hosts.file (set by the parent POM's surefire argLine)").isNotBlank();
        for (String line : Files.readAllLines(Path.of(file))) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String address = entry.split("\\s+")[0];
            assertThat(InetAddress.getByName(address).isLoopbackAddress()).as(entry).isTrue();
        }
    }

    @Test
    @DisplayName("a real provider host name does not resolve in a test, so no test can reach it")
    void realHostsDoNotResolve() {
        assertThatThrownBy(() -> InetAddress.getByName("api.xiaoe-tech.com")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> InetAddress.getByName("cus.allinpay.com")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    @DisplayName("localhost still resolves to loopback")
    void localhostResolves() throws UnknownHostException {
        assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).isTrue();
    }
}
