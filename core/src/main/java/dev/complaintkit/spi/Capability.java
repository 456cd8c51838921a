package dev.complaintkit.spi;

/** An operation a provider may offer. Calling one it lacks is an {@code UnsupportedCapabilityException}. */
public enum Capability {
    /** List complaints ({@code ComplaintClient.complaints}). */
    LIST_COMPLAINTS("list complaints"),
    /** Read a complaint's negotiation history ({@code ComplaintClient.history}). */
    NEGOTIATION_HISTORY("negotiation history"),
    /** Reply to a complaint ({@code ComplaintClient.reply}). */
    REPLY("reply");

    private final String operation;

    Capability(String operation) {
        this.operation = operation;
    }

    /** @return the operation's name for people, e.g. {@code reply} */
    public String operation() {
        return operation;
    }
}
