/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.http.Dispatcher;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("the simulators' probes: one naming scheme, faults passed with the request")
class SimulatorProbesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stream<Arguments> simulators() {
        return Stream.of(
                Arguments.of("allinpay", (Supplier<SimulatorServer>) () -> AllinpaySimulator.builder().build()),
                Arguments.of("yima", (Supplier<SimulatorServer>) () -> YimaSimulator.builder().secret("s").build()),
                Arguments.of("xiaoe", (Supplier<SimulatorServer>) () -> XiaoeSimulator.builder().build()));
    }

    /** {@code BAD_SIGNATURE} → {@code nextBadSignature}. */
    static String probeName(Fault fault) {
        StringBuilder name = new StringBuilder("next");
        for (String word : fault.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simulators")
    @DisplayName("every provider fault has its public next<Fault>() probe, which injects it into the next request only")
    void everyProviderFaultHasItsNextProbe(String id, Supplier<SimulatorServer> factory) throws Exception {
        try (SimulatorServer sim = factory.get().start()) {
            List<Fault> providerFaults = sim.supportedFaults().stream().filter(f -> !f.isGeneric()).toList();
            assertThat(providerFaults).as(id + " provider faults").isNotEmpty();
            List<String> missing = new ArrayList<>();
            for (Fault fault : providerFaults) {
                Method probe;
                try {
                    probe = sim.getClass().getMethod(probeName(fault));
                } catch (NoSuchMethodException e) {
                    missing.add(probeName(fault));
                    continue;
                }
                probe.invoke(sim);
                send(sim.baseUri());
                send(sim.baseUri());
                assertThat(sim.takeRequest().fault()).as(probe.getName()).contains(fault);
                assertThat(sim.takeRequest().fault()).as("the request after " + probe.getName()).isEmpty();
            }
            assertThat(missing).as(id + ": probes missing").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simulators")
    @DisplayName("a simulator is its own dispatcher and hands nothing over through ThreadLocal fields")
    void dispatcherWithoutThreadLocals(String id, Supplier<SimulatorServer> factory) {
        SimulatorServer sim = factory.get();
        assertThat(sim).isInstanceOf(Dispatcher.class);
        assertThat(sim.dispatcher()).isSameAs(sim);
        for (Class<?> c = sim.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                assertThat(ThreadLocal.class.isAssignableFrom(f.getType())).as(c.getSimpleName() + "." + f.getName()).isFalse();
            }
        }
    }

    private static void send(URI base) throws Exception {
        HTTP.send(HttpRequest.newBuilder(base.resolve("/probe")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.discarding());
    }
}
