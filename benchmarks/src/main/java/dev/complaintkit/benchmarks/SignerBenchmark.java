/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import dev.complaintkit.Secret;
import dev.complaintkit.benchmarks.baseline.AllinpayBaseline;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.YimaBaseline;
import dev.complaintkit.provider.allinpay.internal.KeyParsing;
import dev.complaintkit.provider.allinpay.internal.RsaSigner;
import dev.complaintkit.provider.allinpay.internal.Sm2Signer;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.Md5Signer;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The providers' signers ({@code dev.complaintkit.port.Signer} implementations, internal classes)
 * beside the raw JDK / Bouncy Castle call with a pre-parsed key. Both sides sign the same canonical
 * bytes of a realistic request; both create the (cheap, not thread-safe) {@code MessageDigest} /
 * {@code Signature} object per call, as a thread-safe client must, and neither parses a key per call.
 * Target: library/raw throughput at least 0.95.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignerBenchmark {
    private byte[] allinpayCanonical;
    private RsaSigner allinpayRsaLibrary;
    private AllinpayBaseline allinpayRsaRaw;
    private Sm2Signer allinpaySm2Library;
    private AllinpayBaseline allinpaySm2Raw;
    private String allinpaySm2PlatformSignature;
    private byte[] yimaCanonical;
    private Md5Signer yimaLibrary;
    private YimaBaseline yimaRaw;

    /** Prepares keys and data once; checks library and raw agree. */
    @Setup
    public void setUp() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("appid", AllinpayTestKeys.APPID);
        a.put("cusid", AllinpayTestKeys.CUSID);
        a.put("version", "12");
        a.put("randomstr", "8f3c2a9d41b07e65c3d2a1f0e9b8c7d6");
        a.put("signtype", "SM2");
        a.put("complaint_id", "200201820240400000000000000");
        a.put("limit", "100");
        a.put("offset", "0");
        allinpayCanonical = Wire.canonical(a).getBytes(StandardCharsets.UTF_8);
        allinpayRsaLibrary = new RsaSigner(KeyParsing.rsaPrivateKey(AllinpayTestKeys.merchantPrivateKey("RSA")),
                KeyParsing.rsaPublicKey(AllinpayTestKeys.platformPublicKey("RSA")));
        allinpayRsaRaw = new AllinpayBaseline(null, null, AllinpayTestKeys.APPID, AllinpayTestKeys.CUSID, "RSA",
                AllinpayTestKeys.merchantPrivateKey("RSA"), AllinpayTestKeys.platformPublicKey("RSA"));
        allinpaySm2Library = new Sm2Signer(KeyParsing.sm2PrivateKey(AllinpayTestKeys.merchantPrivateKey("SM2")),
                AllinpayTestKeys.APPID, KeyParsing.sm2PublicKey(AllinpayTestKeys.platformPublicKey("SM2")),
                Sm2Signer.RESPONSE_USER_ID);
        allinpaySm2Raw = new AllinpayBaseline(null, null, AllinpayTestKeys.APPID, AllinpayTestKeys.CUSID, "SM2",
                AllinpayTestKeys.merchantPrivateKey("SM2"), AllinpayTestKeys.platformPublicKey("SM2"));
        // what Allinpay sends: the platform's signature, SM2 user id "Allinpay"
        allinpaySm2PlatformSignature = new AllinpayBaseline(null, null, "Allinpay", "-", "SM2",
                AllinpayTestKeys.platformPrivateKey("SM2"), AllinpayTestKeys.platformPublicKey("SM2"))
                .sign(allinpayCanonical);
        AllinpayBaseline merchantVerifier = new AllinpayBaseline(null, null, AllinpayTestKeys.APPID, "-", "SM2",
                AllinpayTestKeys.merchantPrivateKey("SM2"), AllinpayTestKeys.merchantPublicKey("SM2"),
                AllinpayTestKeys.APPID.getBytes(StandardCharsets.UTF_8));
        if (!allinpayRsaLibrary.sign(allinpayCanonical).equals(allinpayRsaRaw.sign(allinpayCanonical))
                || !merchantVerifier.verify(allinpayCanonical, allinpaySm2Library.sign(allinpayCanonical))
                || !merchantVerifier.verify(allinpayCanonical, allinpaySm2Raw.sign(allinpayCanonical))
                || !allinpaySm2Library.verify(allinpayCanonical, allinpaySm2PlatformSignature)
                || !allinpaySm2Raw.verify(allinpayCanonical, allinpaySm2PlatformSignature)) {
            throw new IllegalStateException("library and raw Allinpay signatures disagree");
        }

        Map<String, String> f = new LinkedHashMap<>();
        f.put("request_type", "risk_complaints_resp_request");
        f.put("isspid", YimaRig.ISSPID);
        f.put("transaction_id", "ck20240401120000a1b2c3d4e5f60718");
        f.put("system_id", YimaRig.SYSTEM_ID);
        f.put("seller_account", YimaRig.SELLER_ACCOUNT);
        f.put("complaint_id", "200201820240400000000000000042");
        f.put("response_content", YimaRig.TEXT);
        f.put("jump_url", YimaRig.JUMP_URL);
        f.put("jump_url_text", YimaRig.JUMP_TEXT);
        yimaCanonical = Wire.canonical(f).getBytes(StandardCharsets.UTF_8);
        yimaLibrary = new Md5Signer(SignScheme.MD5_SORTED_KEY, Secret.of(YimaRig.SECRET), StandardCharsets.UTF_8);
        yimaRaw = new YimaBaseline(null, URI.create("http://127.0.0.1/"), YimaRig.ISSPID, YimaRig.SYSTEM_ID,
                YimaRig.SELLER_ACCOUNT, YimaRig.SECRET);
        if (!yimaLibrary.sign(yimaCanonical).equals(yimaRaw.sign(yimaCanonical))) {
            throw new IllegalStateException("library and raw MD5 disagree");
        }
    }

    /** @return Allinpay RSA (SHA1withRSA, 2048-bit) through the library's {@code RsaSigner} */
    @Benchmark
    public String libraryAllinpayRsaSign() {
        return allinpayRsaLibrary.sign(allinpayCanonical);
    }

    /** @return the same through {@code Signature} directly, key parsed once */
    @Benchmark
    public String baselineAllinpayRsaSign() {
        return allinpayRsaRaw.sign(allinpayCanonical);
    }

    /** @return Allinpay SM2 (SM3withSM2, raw r‖s) through the library's {@code Sm2Signer} */
    @Benchmark
    public String librarySm2Sign() {
        return allinpaySm2Library.sign(allinpayCanonical);
    }

    /** @return the same through Bouncy Castle's {@code Signature} directly, key parsed once */
    @Benchmark
    public String baselineSm2Sign() {
        return allinpaySm2Raw.sign(allinpayCanonical);
    }

    /** @return verification of Allinpay's SM2 signature through the library's {@code Sm2Signer} */
    @Benchmark
    public boolean librarySm2Verify() {
        return allinpaySm2Library.verify(allinpayCanonical, allinpaySm2PlatformSignature);
    }

    /** @return the same through Bouncy Castle's {@code Signature} directly, key parsed once */
    @Benchmark
    public boolean baselineSm2Verify() {
        return allinpaySm2Raw.verify(allinpayCanonical, allinpaySm2PlatformSignature);
    }

    /** @return Yima MD5 through the library's {@code Md5Signer} */
    @Benchmark
    public String libraryYimaMd5Sign() {
        return yimaLibrary.sign(yimaCanonical);
    }

    /** @return Yima MD5 through {@code MessageDigest} directly */
    @Benchmark
    public String baselineYimaMd5Sign() {
        return yimaRaw.sign(yimaCanonical);
    }
}
