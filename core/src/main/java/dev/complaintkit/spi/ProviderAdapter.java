package dev.complaintkit.spi;

import dev.complaintkit.port.ComplaintQueryPort;
import dev.complaintkit.port.ComplaintReplyPort;
import java.util.Optional;

/**
 * A configured provider: the outbound ports it implements. Created by
 * {@link ComplaintProvider#create(ProviderConfig, ProviderContext)}; the client owns it and closes it.
 */
public interface ProviderAdapter extends AutoCloseable {

    /** @return the query port, present when the provider lists complaints or history */
    default Optional<ComplaintQueryPort> queries() {
        return Optional.empty();
    }

    /** @return the reply port, present when the provider can reply */
    default Optional<ComplaintReplyPort> replies() {
        return Optional.empty();
    }

    /** Releases what the adapter holds (caches, limiter registrations). Never throws. */
    @Override
    default void close() {}
}
