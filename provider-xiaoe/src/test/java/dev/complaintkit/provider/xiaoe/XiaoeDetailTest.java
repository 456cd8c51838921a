/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.SharedState;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.OrderInfo;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Xiaoe's detail (xe.complaint.info.get and the WeChat pass-through) and its history (reply_list), end to end. */
class XiaoeDetailTest {
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final String PENDING_ID = "c_661a9d66b6733_qTRys2mU";
    private static final String WECHAT_ID = "c_66a1b2c3d4e5f_WxPay001";
    private static final String WECHAT_NUMBER = "200000020240419112519000001";
    private static final OffsetDateTime AT = OffsetDateTime.of(2024, 4, 19, 11, 25, 19, 0, CST);

    private XiaoeSimulator sim;
    private ComplaintClient client;

    @AfterEach
    void stop() {
        TestClients.closeAll(client, sim);
    }

    /** The seed's two complaints, and a WeChat Pay complaint with a history whose last row is the consumer's. */
    private static ComplaintStore store() {
        ComplaintStore store = XiaoeFixtures.exampleStore();
        Complaint wx = new Complaint(ComplaintId.of(WECHAT_ID), "store", ComplaintState.PROCESSING, Channel.WECHAT_PAY,
                "未收到货", AT, Optional.empty(), false, Optional.empty(), "139****0001", "o_1713496000_wx",
                Map.of("wechat_complaint_id", WECHAT_NUMBER, "sub_mch_id", "1900012345", "amount", "2590",
                        "transaction_id", "4200001234202404190000001"));
        store.add(wx, List.of(
                new NegotiationEntry("r1", "投诉人", AT, OperationType.USER_CREATE_COMPLAINT, "USER_CREATE_COMPLAINT", "未收到货",
                        List.of(new Media("USER_COMPLAINT_IMAGE", List.of("https://wx.example/img/1"))),
                        List.of("https://xiaoe.example/img/a.png")),
                new NegotiationEntry("r2", "商户", AT.plusHours(1), OperationType.MERCHANT_RESPONSE, "MERCHANT_RESPONSE",
                        "已补发", List.of(), List.of()),
                new NegotiationEntry("r3", "投诉人", AT.plusHours(2), OperationType.USER_RESPONSE, "USER_RESPONSE",
                        "还没到", List.of(), List.of("https://xiaoe.example/img/b.png"))));
        return store;
    }

    private ComplaintClient start(XiaoeConfig.Builder config) {
        client = Complaints.builder().config(config.build()).sharedState(SharedState.isolated())
                .retryPolicy(RetryPolicy.none()).build();
        return client;
    }

    private void startDefault() {
        sim = XiaoeSimulator.builder().store(store()).build().start();
        start(TestClients.config(sim));
    }

    @Test
    @DisplayName("the provider offers list, detail and negotiation history, and nothing Xiaoe does not publish")
    void capabilities() {
        assertThat(new XiaoeProvider().capabilities())
                .containsExactlyInAnyOrder(Capability.LIST_COMPLAINTS, Capability.DETAIL, Capability.NEGOTIATION_HISTORY);
    }

    @Test
    @DisplayName("xe.complaint.info.get: the row's fields, the masked phone, sub_mch_id, uploaded images; one call with token and id")
    void infoDetail() {
        startDefault();

        ComplaintDetail d = client.detail(ComplaintId.of(WECHAT_ID));

        assertThat(d.id().value()).isEqualTo(WECHAT_ID);
        assertThat(d.complaint().providerId()).isEqualTo("xiaoe");
        assertThat(d.complaint().state()).isEqualTo(ComplaintState.PROCESSING);
        assertThat(d.complaint().channel()).as("from complaint_from 201").isEqualTo(Channel.WECHAT_PAY);
        assertThat(d.complaint().reason()).isEqualTo("未收到货");
        assertThat(d.complaint().complainedAt()).isEqualTo(AT);
        assertThat(d.complaint().orderReference()).isEqualTo("o_1713496000_wx");
        assertThat(d.subMerchant()).contains("1900012345");
        assertThat(d.phone()).isEqualTo(ComplainantPhone.masked("139****0001"));
        assertThat(d.media()).containsExactly(new Media("USER_COMPLAINT_IMAGE", List.of("https://xiaoe.example/img/a.png")));
        assertThat(d.userResponsePending()).as("current_step 3: the consumer replied last").isTrue();
        assertThat(d.complaint().extra()).containsEntry("current_step", "3").containsEntry("current_step_name", "consumer replied")
                .containsEntry("app_id", XiaoeSimulator.APP_ID);
        assertThat(sim.detailCalls(XiaoeSimulator.INFO_PATH)).singleElement().extracting(XiaoeSimulator.ApiCall::code).isEqualTo(0);
    }

    @Test
    @DisplayName("current_step is named by each endpoint's own numbering: the list's 1 and the detail's 1 differ from their 5 and 6")
    void currentStepPerEndpoint() {
        startDefault();

        Complaint listed = client.complaintsPage(ComplaintFilter.builder().complaintId(PENDING_ID).build(),
                PageRequest.first(10)).items().get(0);
        ComplaintDetail detailed = client.detail(ComplaintId.of(PENDING_ID));

        assertThat(listed.extra()).containsEntry("current_step", "1").containsEntry("current_step_name", "new complaint");
        assertThat(detailed.complaint().extra()).containsEntry("current_step", "1")
                .containsEntry("current_step_name", "consumer complaint");
        assertThat(detailed.complaint().channel()).as("complaint_from 101").isEqualTo(Channel.SHOP);
        assertThat(detailed.subMerchant()).isEmpty();
        // a closed seed complaint: the detail numbers Xiaoe's closing 6, which the list would call an import
        assertThat(client.detail(ComplaintId.of("c_6621e41fa5e18_dA0idHLY")).complaint().extra())
                .containsEntry("current_step", "6").containsEntry("current_step_name", "closed by Xiaoe");
    }

    @Test
    @DisplayName("reply_list is the negotiation history: who, when, what and images, in order; each page is one detail call")
    void historyFromReplyList() {
        startDefault();

        List<NegotiationEntry> all = client.history(ComplaintId.of(WECHAT_ID), 2).toList();

        assertThat(all).extracting(NegotiationEntry::type).containsExactly(OperationType.USER_RESPONSE,
                OperationType.MERCHANT_RESPONSE, OperationType.USER_RESPONSE);
        assertThat(all).extracting(NegotiationEntry::operator).containsExactly("用户", "商户", "用户");
        assertThat(all).extracting(NegotiationEntry::rawType).containsExactly("1", "2", "1");
        assertThat(all).extracting(NegotiationEntry::details).containsExactly("未收到货", "已补发", "还没到");
        assertThat(all).extracting(NegotiationEntry::time).containsExactly(AT, AT.plusHours(1), AT.plusHours(2));
        assertThat(all.get(2).images()).containsExactly("https://xiaoe.example/img/b.png");
        assertThat(all).extracting(NegotiationEntry::logId).containsExactly("r1", "r2", "r3");
        assertThat(sim.detailCalls(XiaoeSimulator.INFO_PATH)).as("two pages of 2").hasSize(2);
        assertThat(client.historyPage(ComplaintId.of(WECHAT_ID), PageRequest.first(10)).totalCount()).hasValue(3);
    }

    @Test
    @DisplayName("with a sub-merchant the detail is WeChat's, through the pass-through endpoint: WeChat's id and sub_mch_id")
    void passThroughDetail() {
        startDefault();

        ComplaintDetail d = client.detail(ComplaintRef.of(WECHAT_NUMBER).forSubMerchant("1900012345"));

        assertThat(d.id().value()).isEqualTo(WECHAT_NUMBER);
        assertThat(d.complaint().providerId()).isEqualTo("xiaoe");
        assertThat(d.complaint().state()).isEqualTo(ComplaintState.PROCESSING);
        assertThat(d.complaint().channel()).isEqualTo(Channel.WECHAT_PAY);
        assertThat(d.complaint().complainedAt().toInstant()).isEqualTo(AT.toInstant());
        assertThat(d.subMerchant()).contains("1900012345");
        assertThat(d.orders()).containsExactly(new OrderInfo("4200001234202404190000001", "o_1713496000_wx", OptionalLong.of(2590)));
        assertThat(d.media()).containsExactly(new Media("USER_COMPLAINT_IMAGE", List.of("https://wx.example/img/1")));
        assertThat(d.phone()).isEqualTo(ComplainantPhone.masked("139****0001"));
        assertThat(sim.detailCalls(XiaoeSimulator.PASS_THROUGH_PATH)).hasSize(1);
        assertThat(sim.detailCalls(XiaoeSimulator.INFO_PATH)).isEmpty();

        assertThatThrownBy(() -> client.detail(ComplaintRef.of(WECHAT_NUMBER).forSubMerchant("1900099999")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("400"));
        assertThatThrownBy(() -> client.detail(ComplaintRef.of(WECHAT_ID).forSubMerchant("1900012345")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule).containsExactly("wechat-id"));
    }

    @Test
    @DisplayName("each endpoint keeps its own budget: the 61st pass-through call in a minute waits (here: fails locally), the info detail still goes")
    void budgetPerEndpoint() {
        sim = XiaoeSimulator.builder().store(store()).build().start();
        start(TestClients.config(sim).rateLimitMaxWait(Duration.ZERO));
        ComplaintRef wx = ComplaintRef.of(WECHAT_NUMBER).forSubMerchant("1900012345");
        for (int i = 0; i < 60; i++) {
            client.detail(wx);
        }

        assertThatThrownBy(() -> client.detail(wx)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.code()).isEqualTo("CLIENT_RATE_LIMIT");
            assertThat(e.isRetryable()).isTrue();
        });
        assertThat(client.detail(ComplaintId.of(WECHAT_ID)).id().value()).isEqualTo(WECHAT_ID);
        assertThat(sim.detailCalls(XiaoeSimulator.PASS_THROUGH_PATH)).hasSize(60)
                .allSatisfy(c -> assertThat(c.code()).as("never throttled by Xiaoe").isZero());
    }

    @Test
    @DisplayName("an expired token is renewed once and the detail call repeated; an unknown complaint is the simulator's error")
    void tokenAndErrors() {
        startDefault();
        client.detail(ComplaintId.of(WECHAT_ID));
        sim.expireTokens();

        assertThat(client.detail(ComplaintId.of(WECHAT_ID)).id().value()).isEqualTo(WECHAT_ID);
        assertThat(sim.detailCalls(XiaoeSimulator.INFO_PATH)).extracting(XiaoeSimulator.ApiCall::code).containsExactly(0, 2008, 0);
        assertThat(sim.tokenRequestCount()).isEqualTo(2);
        assertThatThrownBy(() -> client.detail(ComplaintId.of("c_000000000000_none")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.code()).isEqualTo(Integer.toString(XiaoeSimulator.CODE_NOT_FOUND)));
    }

    @Test
    @DisplayName("2001–2005 are bad credentials whatever the exact number (an old page answers a wrong secret 2001); 2051 says to whitelist this server")
    void credentialAndWhitelistCodes() {
        sim = XiaoeSimulator.builder().store(store()).build().start();
        start(TestClients.config(sim));
        for (int code = 2001; code <= 2005; code++) {
            sim.nextTokenError(code, "invalid secret_key");
            int c = code;
            assertThatThrownBy(() -> client.detail(ComplaintId.of(WECHAT_ID)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining(Integer.toString(c))
                    .hasMessageContaining("invalid secret_key").hasMessageContaining("xiaoe.secret-key")
                    .hasMessageContaining("credentials");
        }
        sim.nextTokenError(2051, "IP不在白名单");
        assertThatThrownBy(() -> client.detail(ComplaintId.of(WECHAT_ID)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("2051").hasMessageContaining("whitelist")
                .hasMessageContaining("egress");
    }
}
