package dev.complaintkit.usecase;

import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.spi.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What every use case shares: the provider's identity and capabilities, and the retrier. */
abstract class UseCase {
    final String providerId;
    final Set<Capability> capabilities;
    final Retrier retrier;

    UseCase(String providerId, Set<Capability> capabilities, RetryPolicy policy) {
        this.providerId = providerId;
        this.capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        this.retrier = new Retrier(providerId, policy);
    }

    /** @return the port, after checking the provider declares the capability and supplied the port */
    <P> P require(Capability capability, P port) {
        if (!capabilities.contains(capability) || port == null) {
            String offered = capabilities.isEmpty() ? "nothing"
                    : capabilities.stream().sorted().map(Capability::operation).collect(Collectors.joining(", "));
            throw new UnsupportedCapabilityException(providerId, capability.operation(), offered);
        }
        return port;
    }

    @SafeVarargs
    static void validate(List<Violation>... groups) {
        List<Violation> all = new ArrayList<>();
        for (List<Violation> g : groups) {
            all.addAll(g);
        }
        InputRules.throwIfAny(all);
    }
}
