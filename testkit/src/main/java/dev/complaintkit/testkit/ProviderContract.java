package dev.complaintkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider must pass. Subclass it in the provider's tests and implement the one
 * factory hook, {@link #subject()}, which is called before each test:
 *
 * <pre>{@code
 * class AllinpayContractTest extends ProviderContract {
 *     protected ContractSubject subject() { ... start a simulator, build a client ... }
 * }
 * }</pre>
 *
 * Tests for capabilities the provider lacks check that calling them fails with
 * {@link UnsupportedCapabilityException} and sends nothing.
 */
public abstract class ProviderContract {

    /** @return a fresh subject: provider, client and the data behind it */
    protected abstract ContractSubject subject();

    /** Called after each test to release what {@link #subject()} started; override to stop a simulator. */
    protected void release() {}

    private ContractSubject s;

    @BeforeEach
    final void createSubject() {
        s = subject();
    }

    @AfterEach
    final void closeSubject() {
        try {
            s.client().close();
        } finally {
            release();
        }
    }

    private boolean has(Capability c) {
        return s.provider().capabilities().contains(c);
    }

    @Test
    @DisplayName("identity: a stable lower-case id, capabilities declared, a supported SPI version")
    void identity() {
        ComplaintProvider p = s.provider();
        assertThat(p.id()).matches("[a-z][a-z0-9-]*");
        assertThat(s.client().providerId()).isEqualTo(p.id());
        assertThat(p.capabilities()).isNotEmpty();
        assertThat(p.spiVersion()).isBetween(1, ComplaintProvider.SPI_VERSION);
        assertThat(s.client().capabilities()).isEqualTo(p.capabilities());
    }

    @Test
    @DisplayName("a missing capability is a typed error naming provider and operation, and sends nothing")
    void missingCapabilities() {
        int before = s.exchanges();
        ComplaintClient c = s.client();
        if (!has(Capability.LIST_COMPLAINTS)) {
            assertThatThrownBy(() -> c.complaints(ComplaintFilter.all()).findFirst())
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining(s.provider().id()).hasMessageContaining("list complaints");
        }
        if (!has(Capability.NEGOTIATION_HISTORY)) {
            assertThatThrownBy(() -> c.history(ComplaintId.of("x")).findFirst())
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining(s.provider().id()).hasMessageContaining("negotiation history");
        }
        if (!has(Capability.REPLY)) {
            assertThatThrownBy(() -> c.reply(ReplyRequest.builder("x").text("t").build()))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining(s.provider().id()).hasMessageContaining("reply");
        }
        assertThat(s.exchanges()).as("exchanges made").isEqualTo(before);
    }

    @Test
    @DisplayName("list: the stream returns every complaint once, across pages, tagged with the provider")
    void listStreamsAcrossPages() {
        assumeThat(has(Capability.LIST_COMPLAINTS)).isTrue();
        List<Complaint> all = s.client().complaints(ComplaintFilter.all(), 2).toList();
        assertThat(all).isNotEmpty();
        assertThat(all).extracting(Complaint::providerId).containsOnly(s.provider().id());
        assertThat(all.stream().map(Complaint::id).distinct().count()).as("distinct ids").isEqualTo(all.size());
        s.complaintTotal().ifPresent(total -> assertThat(all).hasSize(total));
        Page<Complaint> first = s.client().complaintsPage(ComplaintFilter.all(), PageRequest.first(2));
        assertThat(first.items()).hasSizeLessThanOrEqualTo(2);
        assertThat(first.items()).containsExactlyElementsOf(all.subList(0, first.items().size()));
        first.totalCount().ifPresent(t -> assertThat(t).isEqualTo(all.size()));
    }

    @Test
    @DisplayName("list: bad paging is a validation error and sends nothing")
    void listValidation() {
        assumeThat(has(Capability.LIST_COMPLAINTS)).isTrue();
        int before = s.exchanges();
        assertThatThrownBy(() -> s.client().complaintsPage(ComplaintFilter.all(), new PageRequest(-1, 0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).contains("page.offset", "page.size"));
        assertThat(s.exchanges()).as("exchanges made").isEqualTo(before);
    }

    @Test
    @DisplayName("history: streamed in small pages equals one big page, in order, complete")
    void historyPagesAgree() {
        assumeThat(has(Capability.NEGOTIATION_HISTORY)).isTrue();
        ComplaintId id = ComplaintId.of(s.historyComplaintId());
        List<NegotiationEntry> streamed = s.client().history(id, 2).toList();
        assertThat(streamed).hasSize(s.historySize());
        Page<NegotiationEntry> whole = s.client().historyPage(id, PageRequest.first(s.historySize() + 5));
        assertThat(whole.items()).containsExactlyElementsOf(streamed);
        assertThat(streamed).allSatisfy(e -> {
            assertThat(e.time()).isNotNull();
            assertThat(e.type()).isNotNull();
            assertThat(e.rawType()).isNotBlank();
        });
    }

    @Test
    @DisplayName("history: the stream is lazy — taking one row fetches one page")
    void historyIsLazy() {
        assumeThat(has(Capability.NEGOTIATION_HISTORY)).isTrue();
        assumeThat(s.historySize()).isGreaterThan(2);
        int before = s.exchanges();
        List<NegotiationEntry> one = s.client().history(ComplaintId.of(s.historyComplaintId()), 2).limit(1).toList();
        assertThat(one).hasSize(1);
        int used = s.exchanges() - before;
        assertThat(used).as("exchanges for one page").isPositive();
        List<NegotiationEntry> all = s.client().history(ComplaintId.of(s.historyComplaintId()), 2).toList();
        assertThat(all).hasSize(s.historySize());
        assertThat(s.exchanges() - before - used).as("exchanges for every page").isGreaterThan(used);
    }

    @Test
    @DisplayName("history: bad input is a validation error and sends nothing")
    void historyValidation() {
        assumeThat(has(Capability.NEGOTIATION_HISTORY)).isTrue();
        int before = s.exchanges();
        assertThatThrownBy(() -> s.client().historyPage(ComplaintId.of(s.historyComplaintId()), new PageRequest(-1, 0)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> s.client().historyPage(null, PageRequest.first(10)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).contains("complaintId"));
        assertThat(s.exchanges()).as("exchanges made").isEqualTo(before);
    }

    @Test
    @DisplayName("reply: accepted with a receipt carrying the complaint and the idempotency key")
    void replyAccepted() {
        assumeThat(has(Capability.REPLY)).isTrue();
        ReplyReceipt receipt = s.client().reply(ReplyRequest.builder(s.replyComplaintId())
                .text("已与用户沟通解决").idempotencyKey("contract000000000000000000000001").build());
        assertThat(receipt.complaintId().value()).isEqualTo(s.replyComplaintId());
        assertThat(receipt.providerId()).isEqualTo(s.provider().id());
        assertThat(receipt.idempotencyKey()).isEqualTo("contract000000000000000000000001");
    }

    @Test
    @DisplayName("reply: every violation listed at once, nothing sent")
    void replyValidation() {
        assumeThat(has(Capability.REPLY)).isTrue();
        int before = s.exchanges();
        ReplyRequest bad = ReplyRequest.builder(s.replyComplaintId()).text(" ")
                .image("a").image("b").image("c").image("d").image("e")
                .jumpLink("http://example.com/plain", "这段文字超过了十个字符的上限").build();
        assertThatThrownBy(() -> s.client().reply(bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .contains("text", "imageMediaIds", "jumpLink.url", "jumpLink.text"));
        assertThat(s.exchanges()).as("exchanges made").isEqualTo(before);
    }

    @Test
    @DisplayName("create() refuses a config that is not its own, even one claiming its id")
    void foreignConfig() {
        dev.complaintkit.spi.ProviderConfig foreign = new dev.complaintkit.spi.ProviderConfig() {
            @Override
            public String providerId() {
                return s.provider().id();
            }

            @Override
            public java.util.Map<String, String> describe() {
                return java.util.Map.of();
            }
        };
        assertThatThrownBy(() -> s.provider().create(foreign))
                .isInstanceOf(dev.complaintkit.error.ConfigurationException.class);
    }

    @Test
    @DisplayName("secrets never appear in toString of the client or config, nor in its description")
    void noSecretsInToString() {
        assumeThat(s.secrets()).as("secret values given to the subject").isNotEmpty();
        String shown = s.client() + " " + (s.config() == null ? "" : s.config() + " " + s.config().describe());
        for (String secret : s.secrets()) {
            assertThat(shown).as("client/config text").doesNotContain(secret);
        }
    }
}
