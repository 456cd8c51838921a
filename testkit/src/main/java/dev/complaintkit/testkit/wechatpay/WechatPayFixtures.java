/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ready-made WeChat Pay complaints for a {@link WechatPaySimulator}, dated relative to a given day
 * (Asia/Shanghai) so they stay inside a client's default 30-day range.
 */
public final class WechatPayFixtures {
    /** How many complaints {@link #sixtyDays(LocalDate)} holds. */
    public static final int SIXTY_DAYS_SIZE = 12;
    /** Index in {@link #sixtyDays(LocalDate)} of a pending refund request with two user messages (3 history rows). */
    public static final int REFUND = 0;
    /** Index of a pending complaint that needs immediate service. */
    public static final int IMMEDIATE = 1;
    /** Index of a complaint being processed (one merchant reply). */
    public static final int PROCESSING = 2;
    /** Index of a processed complaint. */
    public static final int PROCESSED = 3;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private WechatPayFixtures() {}

    /**
     * @param day the complaint's day (Asia/Shanghai)
     * @param n a number, 0..99999
     * @return a 27-digit complaint id in WeChat's shape, unique per day and number
     */
    public static String complaintId(LocalDate day, int n) {
        return String.format(Locale.ROOT, "20020182%s093015%05d", DAY.format(day), n);
    }

    /**
     * Twelve complaints, one every five days back from {@code today} at 10:00 Shanghai time (so six
     * fall in the last 30 days and six in the 30 before): index {@link #REFUND} a pending REFUND request
     * ({@code TRUSTED}, two user messages), {@link #IMMEDIATE} a pending one that needs immediate
     * service, {@link #PROCESSING}, {@link #PROCESSED}; the rest alternate pending and processing,
     * refund and service problems. Each carries one downloadable user image.
     *
     * @param today the newest complaint's day
     * @return the seeds, newest first
     */
    public static List<ComplaintSeed> sixtyDays(LocalDate today) {
        List<ComplaintSeed> seeds = new ArrayList<>();
        for (int i = 0; i < SIXTY_DAYS_SIZE; i++) {
            LocalDate day = today.minusDays(5L * i);
            ComplaintSeed s = ComplaintSeed.of(complaintId(day, i), OffsetDateTime.of(day, LocalTime.of(10, 0),
                    WechatPaySimulator.SHANGHAI.getRules().getOffset(day.atTime(10, 0))))
                    .amountFen(990L + 100L * i).payerPhone(String.format(Locale.ROOT, "138001380%02d", i));
            switch (i) {
                case REFUND -> s.problemType("REFUND").userMessages(2).userTags("TRUSTED").detail("申请退款，商品未发货");
                case IMMEDIATE -> s.needImmediateService(true).detail("充电宝无法归还，一直在扣费");
                case PROCESSING -> s.state("PROCESSING");
                case PROCESSED -> s.state("PROCESSED").problemType("REFUND");
                default -> {
                    if (i % 2 == 0) {
                        s.problemType("REFUND");
                    } else {
                        s.state("PROCESSING").problemType("OTHERS");
                    }
                }
            }
            seeds.add(s);
        }
        return seeds;
    }
}
