/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.port.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("error answers")
class ErrorAnswersTest {
    private static final String REQUEST_ID = "08F4A1B2C30610C8B4A3E8051800200E28B2A501-0";

    private static ProviderException error(int status, String body, Map<String, List<String>> extraHeaders) {
        Map<String, List<String>> h = new java.util.HashMap<>(extraHeaders);
        h.put("Request-ID", List.of(REQUEST_ID));
        HttpTransport.Response r = new HttpTransport.Response(status, h, body.getBytes(StandardCharsets.UTF_8));
        return ErrorAnswers.toException(r.status(), r::header, r.body());
    }

    @Test
    @DisplayName("a 400 PARAM_ERROR keeps code, message, detail and Request-ID, and is not retryable")
    void paramError() {
        ProviderException e = error(400, "{\"code\":\"PARAM_ERROR\",\"detail\":{\"location\":\"body\",\"value\":\"1900000\"},"
                + "\"message\":\"无法将 JSON 输入源“/body/amount/total”映射到目标字段\"}", Map.of());
        assertThat(e).isExactlyInstanceOf(WechatPayProviderException.class);
        assertThat(e.providerId()).isEqualTo("wechatpay");
        assertThat(e.code()).isEqualTo("PARAM_ERROR");
        assertThat(e.providerMessage()).isEqualTo("无法将 JSON 输入源“/body/amount/total”映射到目标字段");
        assertThat(e.isRetryable()).isFalse();
        ErrorBody body = ((WechatPayProviderException) e).error();
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.detailJson()).contains("{\"location\":\"body\",\"value\":\"1900000\"}");
        assertThat(body.requestIdHeader()).contains(REQUEST_ID);
        assertThat(e.getMessage()).contains("PARAM_ERROR", "HTTP 400", "Request-ID " + REQUEST_ID);
    }

    @Test
    @DisplayName("a 401 SIGN_ERROR (sent unsigned) is a provider error, not retryable")
    void signError() {
        ProviderException e = error(401, "{\"code\":\"SIGN_ERROR\",\"detail\":{\"detail\":{\"issue\":\"sign not match\"},"
                + "\"field\":\"signature\",\"location\":\"authorization\"},\"message\":\"错误的签名,验签失败\"}", Map.of());
        assertThat(e.code()).isEqualTo("SIGN_ERROR");
        assertThat(e.providerMessage()).isEqualTo("错误的签名,验签失败");
        assertThat(e.isRetryable()).isFalse();
        assertThat(((WechatPayProviderException) e).error().detailJson()).hasValueSatisfying(d -> assertThat(d).contains("sign not match"));
    }

    @Test
    @DisplayName("a 500 SYSTEM_ERROR is retryable; the retry is decided by the status, so an unknown 503 code is retryable too")
    void serverErrors() {
        assertThat(error(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", Map.of()).isRetryable()).isTrue();
        assertThat(error(503, "{\"code\":\"SOMETHING_NEW\",\"message\":\"\"}", Map.of()).isRetryable()).isTrue();
        assertThat(error(400, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"x\"}", Map.of()).isRetryable()).isFalse();
    }

    @Test
    @DisplayName("a 429 is a rate-limit error (either code), retryable, keeping the Request-ID and any Retry-After")
    void rateLimited() {
        ProviderException e = error(429, "{\"code\":\"FREQUENCY_LIMITED\",\"message\":\"频率限制\"}", Map.of("Retry-After", List.of("7")));
        assertThat(e).isInstanceOf(RateLimitedException.class).isInstanceOf(WechatPayRateLimitedException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(((WechatPayRateLimitedException) e).error().requestIdHeader()).contains(REQUEST_ID);
        ProviderException other = error(429, "{\"code\":\"RATELIMIT_EXCEEDED\",\"message\":\"\"}", Map.of());
        assertThat(other.code()).isEqualTo("RATELIMIT_EXCEEDED");
        assertThat(((RateLimitedException) other).retryAfter()).isEmpty();
    }

    @Test
    @DisplayName("an HTML gateway page, an empty body or JSON without code is HTTP_<status>, described without failing")
    void notAnErrorBody() {
        ProviderException html = error(502, "<html><body>Bad Gateway</body></html>", Map.of("Content-Type", List.of("text/html")));
        assertThat(html.code()).isEqualTo("HTTP_502");
        assertThat(html.providerMessage()).contains("502", "text/html", "37 bytes");
        assertThat(html.isRetryable()).isTrue();
        assertThat(error(404, "", Map.of()).code()).isEqualTo("HTTP_404");
        assertThat(error(400, "[1,2]", Map.of()).code()).isEqualTo("HTTP_400");
        assertThat(error(400, "{\"code\":{\"nested\":1}}", Map.of()).code()).isEqualTo("HTTP_400");
    }
}
