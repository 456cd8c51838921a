/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.xiaoe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates the large Xiaoe fixture ({@link XiaoeFixtures#LARGE_DATA_SET}) deterministically. The
 * committed file must equal {@link #generate()} (checked by {@code XiaoeFixturesTest}); to change it,
 * edit this class and run {@code main} with the resource path as argument.
 */
final class LargeDataSetGenerator {
    static final long SEED = 20240419L;
    static final long[] SOURCES = {101, 102, 103, 104, 105, 106, 107, 201, 202, 203, 204, 205, 206, 207, 208, 209, 10};
    /** Relative frequency of each source: shop traffic dominates, external channels are rarer. */
    private static final int[] SOURCE_WEIGHTS = {30, 25, 8, 6, 4, 3, 5, 8, 3, 4, 1, 1, 2, 1, 2, 1, 1};
    private static final String[] REASONS = {
        "课程内容与宣传不符，要求退款", "购买后无法观看直播回放", "重复扣款，申请退还一笔", "会员到期未提醒就自动续费",
        "老师未按约定时间开课", "实物商品迟迟未发货，联系客服无回应", "误购课程，申请七天无理由退款",
        "直播间诱导消费，要求全额退款", "电子书无法下载", "训练营中途停更", "优惠券未生效，多付了钱",
        "已申请退款超过七天仍未到账", "课程质量差，与试听内容不一致", "未成年人误充值，家长申请退款",
        "下单后价格下降，要求退差价", "打卡活动奖励未发放", "被移出社群后无法继续学习", "发票一直未开具",
        "账号被盗后产生消费", "客服态度恶劣，问题一直未解决", "要退款八八八八八八八八啊啊啊啊啊啊啊啊啊"};
    private static final String[] PHONE_PREFIXES = {"130", "131", "135", "138", "139", "150", "151", "158", "166",
        "177", "180", "186", "188", "189", "199"};
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private LargeDataSetGenerator() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), generate(), StandardCharsets.UTF_8);
    }

    /** @return the fixture text: a JSON array, one row per line, newest first */
    static String generate() {
        ObjectMapper json = new ObjectMapper();
        Random r = new Random(SEED);
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0, 0);
        long spanSeconds = 182L * 24 * 3600;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < XiaoeFixtures.LARGE_DATA_SET_SIZE; i++) {
            long from = i < SOURCES.length ? SOURCES[i] : SOURCES[weighted(r)];
            boolean external = from >= 200 || from == 10;
            int channel = channelOf(from, r);
            int state = i < 3 ? i : pick(r, 35, 25, 40);
            LocalDateTime at = start.plusSeconds((long) (r.nextDouble() * spanSeconds));
            int timeLimit = external ? (from == 201 || from == 202 ? 72 : 48) : (r.nextInt(10) == 0 ? 24 : 72);
            LocalDateTime deadline = at.plusHours(timeLimit);
            LocalDateTime operated;
            LocalDateTime closed = null;
            int step;
            if (state == 0) {
                operated = at;
                step = external ? (r.nextBoolean() ? 3 : 6) : 1;
            } else if (state == 1) {
                operated = at.plusMinutes(10 + r.nextInt(60 * 48));
                step = r.nextInt(5) == 0 ? 4 : 2;
            } else {
                operated = at.plusMinutes(10 + r.nextInt(60 * 60));
                closed = operated.plusMinutes(r.nextInt(60 * 24 * 3));
                step = r.nextInt(3) == 0 ? 5 : 2;
            }
            boolean overdue = state == 0 ? r.nextInt(3) == 0 : operated.isAfter(deadline);
            ObjectNode row = json.createObjectNode();
            row.put("channel_type", channel);
            row.put("closed_at", closed == null ? XiaoeRows.NOT_CLOSED : TIME.format(closed));
            row.put("complainant_phone", PHONE_PREFIXES[r.nextInt(PHONE_PREFIXES.length)] + "****"
                    + String.format("%04d", r.nextInt(10_000)));
            row.put("complaint_from", from);
            row.put("complaint_id", "c_" + Long.toHexString(at.toEpochSecond(ZoneOffset.ofHours(8)))
                    + hex(r, 5) + "_" + alnum(r, 8));
            row.put("complaint_reason", REASONS[r.nextInt(REASONS.length)]);
            row.put("complaint_resource_id", r.nextBoolean()
                    ? "E" + ORDER_TIME.format(at.minusDays(1 + r.nextInt(20))) + String.format("%06d", r.nextInt(1_000_000)) + "V2"
                    : "o_" + at.minusDays(1 + r.nextInt(30)).toEpochSecond(ZoneOffset.ofHours(8)) + "_" + hex(r, 13) + "_"
                            + String.format("%06d", r.nextInt(1_000_000)) + "V2");
            row.put("complaint_resource_type", 0);
            row.put("complaint_time", TIME.format(at));
            row.put("complaint_type", external ? 3 : 1);
            row.put("current_step", step);
            row.put("is_overtime", overdue ? 2 : 1);
            row.put("operate_end_time", TIME.format(deadline));
            row.put("operate_time", TIME.format(operated));
            row.put("state", state);
            row.put("time_limit", timeLimit);
            rows.add(new Object[] {at, row});
        }
        rows.sort(Comparator.comparing((Object[] o) -> (LocalDateTime) o[0]).reversed());
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            try {
                out.append(json.writeValueAsString(rows.get(i)[1]));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            out.append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    private static int channelOf(long from, Random r) {
        if (from == 201 || from == 208) {
            return 3;
        }
        if (from == 202) {
            return 4;
        }
        if (from >= 200 || from == 10) {
            return 2;
        }
        return r.nextInt(10) == 0 ? 2 : 1;
    }

    private static int weighted(Random r) {
        int total = 0;
        for (int w : SOURCE_WEIGHTS) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < SOURCE_WEIGHTS.length; i++) {
            x -= SOURCE_WEIGHTS[i];
            if (x < 0) {
                return i;
            }
        }
        return 0;
    }

    private static int pick(Random r, int... weights) {
        int x = r.nextInt(100);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static String hex(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    private static String alnum(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
