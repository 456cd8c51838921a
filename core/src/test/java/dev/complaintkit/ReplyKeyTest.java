/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A failed reply carries its idempotency key")
class ReplyKeyTest {
    private static final RetryPolicy THREE_QUICK = RetryPolicy.defaults().withMaxAttempts(3)
            .withBackoff(Duration.ZERO, Duration.ZERO);

    /** A reply port that fails every attempt with what {@code failure} makes, recording the keys it was sent. */
    static final class FailingPort implements dev.complaintkit.spi.ProviderAdapter, dev.complaintkit.port.ReplyPort {
        final List<String> keysSent = new CopyOnWriteArrayList<>();
        private final Supplier<RuntimeException> failure;

        FailingPort(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public ReplyReceipt reply(ReplyRequest request) {
            keysSent.add(request.idempotencyKey().orElseThrow());
            throw failure.get();
        }

        @Override
        public String newIdempotencyKey() {
            return "gen" + keysSent.size() + "k7f3a9c21";
        }

        @Override
        public WriteSafety replySafety() {
            return WriteSafety.KEYED;
        }
    }

    private static ComplaintClient useCase(FailingPort port) {
        dev.complaintkit.spi.ComplaintProvider<TestProviders.NoConfig> provider = new dev.complaintkit.spi.ComplaintProvider<>() {
            @Override
            public String id() {
                return "stub";
            }

            @Override
            public Class<TestProviders.NoConfig> configType() {
                return TestProviders.NoConfig.class;
            }

            @Override
            public Class<? extends dev.complaintkit.spi.ProviderAdapter> adapterType() {
                return FailingPort.class;
            }

            @Override
            public TestProviders.NoConfig configFromProperties(java.util.Map<String, String> properties) {
                return new TestProviders.NoConfig("stub");
            }

            @Override
            public dev.complaintkit.spi.ProviderAdapter create(TestProviders.NoConfig config, dev.complaintkit.spi.ProviderContext context) {
                return port;
            }
        };
        return Complaints.builder().provider(provider).retryPolicy(THREE_QUICK).build();
    }

    private static ReplyRequest reply() {
        return ReplyRequest.builder("200201820200101080076610000").text("已为您办理退款").build();
    }

    @Test
    @DisplayName("when the retries run out, the failure carries the generated key every attempt sent, keeps its type and retryability, and its message names the key")
    void exhaustedRetriesCarryTheGeneratedKey() {
        FailingPort port = new FailingPort(() -> new TransportException("connection reset by 127.0.0.1", null, true));

        TransportException e = catchThrowableOfType(() -> useCase(port).reply(reply()), TransportException.class);

        assertThat(port.keysSent).hasSize(3).containsOnly("gen0k7f3a9c21");
        assertThat(e.idempotencyKey()).contains("gen0k7f3a9c21");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).startsWith("connection reset by 127.0.0.1").contains("idempotency key gen0k7f3a9c21");
    }

    @Test
    @DisplayName("a provider refusal of a reply with the caller's key carries that key and keeps the provider's code")
    void refusalCarriesTheCallersKey() {
        FailingPort port = new FailingPort(() -> new ProviderException("stub", "9001", "网关维护中", false));
        ReplyRequest keyed = reply().withIdempotencyKey("caller-key-1");

        ProviderException e = catchThrowableOfType(() -> useCase(port).reply(keyed), ProviderException.class);

        assertThat(port.keysSent).containsExactly("caller-key-1");
        assertThat(e.idempotencyKey()).contains("caller-key-1");
        assertThat(e.code()).isEqualTo("9001");
        assertThat(e.providerMessage()).isEqualTo("网关维护中");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("provider error 9001: 网关维护中").contains("caller-key-1");
    }

    @Test
    @DisplayName("an unexpected failure of the provider's reply, wrapped as a ComplaintException, carries the key too")
    void unexpectedFailureCarriesTheKey() {
        FailingPort port = new FailingPort(() -> new IllegalStateException("adapter bug"));

        ComplaintException e = catchThrowableOfType(() -> useCase(port).reply(reply()), ComplaintException.class);

        assertThat(e.getClass()).isEqualTo(ComplaintException.class);
        assertThat(e.idempotencyKey()).contains("gen0k7f3a9c21");
    }

    @Test
    @DisplayName("invalid input fails before a key is assigned: nothing was sent, no key is carried")
    void invalidInputCarriesNoKey() {
        FailingPort port = new FailingPort(() -> new IllegalStateException("never called"));
        ReplyRequest blank = ReplyRequest.builder("200201820200101080076610000").text(" ").build();

        ValidationException e = catchThrowableOfType(() -> useCase(port).reply(blank), ValidationException.class);

        assertThat(port.keysSent).isEmpty();
        assertThat(e.idempotencyKey()).isEmpty();
        assertThat(e.getMessage()).doesNotContain("idempotency key");
    }
}
