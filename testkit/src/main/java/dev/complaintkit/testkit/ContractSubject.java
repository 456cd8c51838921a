/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * What {@link ProviderContract} tests: a provider, a client on it, the data the backing service
 * holds, and a counter of exchanges so the contract can prove that bad input sends nothing.
 * Build with {@link #builder(ComplaintProvider, ComplaintClient)}.
 */
public final class ContractSubject {
    private final ComplaintProvider<?> provider;
    private final ComplaintClient client;
    private final ProviderConfig config;
    private final IntSupplier exchanges;
    private final String historyComplaintId;
    private final int historySize;
    private final String replyComplaintId;
    private final OptionalInt complaintTotal;
    private final List<String> secrets;
    private final String detailComplaintId;
    private final NotificationSamples notifications;
    private final FaultProbe faultProbe;

    /**
     * Deliveries for the notifications section.
     *
     * @param valid makes a delivery the provider verifies (the same event each time)
     * @param tampered makes one it must refuse (a bad signature)
     */
    public record NotificationSamples(java.util.function.Supplier<dev.complaintkit.model.NotificationDelivery> valid,
            java.util.function.Supplier<dev.complaintkit.model.NotificationDelivery> tampered) {}

    /**
     * What the faults section needs.
     *
     * @param simulator the simulator the client talks to
     * @param call one representative call of the provider (a list page, a history page, a reply)
     */
    public record FaultProbe(dev.complaintkit.testkit.http.SimulatorServer simulator, Runnable call) {}

    private ContractSubject(Builder b) {
        this.provider = b.provider;
        this.client = b.client;
        this.config = b.config;
        this.exchanges = b.exchanges;
        this.historyComplaintId = b.historyComplaintId;
        this.historySize = b.historySize;
        this.replyComplaintId = b.replyComplaintId;
        this.complaintTotal = b.complaintTotal;
        this.secrets = List.copyOf(b.secrets);
        this.detailComplaintId = b.detailComplaintId;
        this.notifications = b.notifications;
        this.faultProbe = b.faultProbe;
    }

    String detailComplaintId() {
        return detailComplaintId;
    }

    NotificationSamples notifications() {
        return notifications;
    }

    FaultProbe faultProbe() {
        return faultProbe;
    }

    /**
     * @param provider the provider under test
     * @param client a client on it, pointed at the backing service (simulator or fake)
     * @return a builder
     */
    public static Builder builder(ComplaintProvider<?> provider, ComplaintClient client) {
        return new Builder(provider, client);
    }

    ComplaintProvider<?> provider() {
        return provider;
    }

    ComplaintClient client() {
        return client;
    }

    ProviderConfig config() {
        return config;
    }

    int exchanges() {
        return exchanges.getAsInt();
    }

    String historyComplaintId() {
        return historyComplaintId;
    }

    int historySize() {
        return historySize;
    }

    String replyComplaintId() {
        return replyComplaintId;
    }

    OptionalInt complaintTotal() {
        return complaintTotal;
    }

    List<String> secrets() {
        return secrets;
    }

    /** Builder for {@link ContractSubject}. */
    public static final class Builder {
        private final ComplaintProvider<?> provider;
        private final ComplaintClient client;
        private ProviderConfig config;
        private IntSupplier exchanges;
        private String historyComplaintId;
        private int historySize;
        private String replyComplaintId;
        private OptionalInt complaintTotal = OptionalInt.empty();
        private final List<String> secrets = new ArrayList<>();
        private String detailComplaintId;
        private NotificationSamples notifications;
        private FaultProbe faultProbe;

        /**
         * For DETAIL:
         * @param complaintId a complaint the service holds
         * @return this
         */
        public Builder detailOf(String complaintId) {
            this.detailComplaintId = complaintId;
            return this;
        }

        /**
         * For NOTIFICATIONS.
         *
         * @param valid makes a delivery the provider verifies
         * @param tampered makes one with a bad signature
         * @return this
         */
        public Builder notifications(java.util.function.Supplier<dev.complaintkit.model.NotificationDelivery> valid,
                java.util.function.Supplier<dev.complaintkit.model.NotificationDelivery> tampered) {
            this.notifications = new NotificationSamples(valid, tampered);
            return this;
        }

        /**
         * Turns on the faults section.
         *
         * @param simulator the simulator the client talks to
         * @param call one representative call that goes through it
         * @return this
         */
        public Builder faults(dev.complaintkit.testkit.http.SimulatorServer simulator, Runnable call) {
            this.faultProbe = new FaultProbe(simulator, call);
            return this;
        }

        private Builder(ComplaintProvider<?> provider, ComplaintClient client) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * @param config the config the client was built from (its {@code toString}/{@code describe} are checked for secrets)
         * @return this
         */
        public Builder config(ProviderConfig config) {
            this.config = config;
            return this;
        }

        /**
         * @param exchanges counts requests that reached the backing service (simulator request count, fake call count)
         * @return this
         */
        public Builder exchanges(IntSupplier exchanges) {
            this.exchanges = exchanges;
            return this;
        }

        /**
         * Required when the provider has NEGOTIATION_HISTORY.
         *
         * @param complaintId a complaint the service holds
         * @param size how many history rows it has (at least 3, so paging can be exercised)
         * @return this
         */
        public Builder historyOf(String complaintId, int size) {
            this.historyComplaintId = complaintId;
            this.historySize = size;
            return this;
        }

        /**
         * Required when the provider has REPLY.
         * @param complaintId a complaint that accepts replies
         * @return this
         */
        public Builder replyTo(String complaintId) {
            this.replyComplaintId = complaintId;
            return this;
        }

        /**
         * For LIST_COMPLAINTS:
         * @param total how many complaints the service holds (at least 3)
         * @return this
         */
        public Builder complaintTotal(int total) {
            this.complaintTotal = OptionalInt.of(total);
            return this;
        }

        /**
         * @param secretValues values that must never appear in any {@code toString} or message
         * @return this
         */
        public Builder secrets(String... secretValues) {
            secrets.addAll(List.of(secretValues));
            return this;
        }

        /** @return the subject */
        public ContractSubject build() {
            Objects.requireNonNull(exchanges, "exchanges: say how to count requests that reached the service");
            return new ContractSubject(this);
        }
    }
}
