/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.usecase;

import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.JumpLink;
import dev.complaintkit.model.MiniProgramJump;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.transport.Endpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules every provider shares (WeChat Pay's): checked before any I/O, all at once. Providers
 * add their own through the ports' {@code validate…} methods.
 */
final class InputRules {
    /** WeChat Pay's limit on reply images. */
    static final int MAX_REPLY_IMAGES = 4;
    /** WeChat Pay's limit on the jump link URL. */
    static final int MAX_JUMP_URL = 512;
    /** WeChat Pay's limit on the jump link text. */
    static final int MAX_JUMP_TEXT = 10;

    private InputRules() {}

    static List<Violation> page(PageRequest page) {
        List<Violation> v = new ArrayList<>();
        if (page == null) {
            v.add(new Violation("page", "required", "is required"));
            return v;
        }
        if (page.offset() < 0) {
            v.add(new Violation("page.offset", "min", "must be at least 0 (was " + page.offset() + ")"));
        }
        if (page.size() < 1) {
            v.add(new Violation("page.size", "min", "must be at least 1 (was " + page.size() + ")"));
        }
        return v;
    }

    static List<Violation> filter(ComplaintFilter filter) {
        List<Violation> v = new ArrayList<>();
        if (filter == null) {
            v.add(new Violation("filter", "required", "is required (use ComplaintFilter.all())"));
            return v;
        }
        if (filter.from().isPresent() && filter.to().isPresent() && filter.from().get().isAfter(filter.to().get())) {
            v.add(new Violation("filter.from", "range", "must not be after filter.to (" + filter.from().get()
                    + " > " + filter.to().get() + ")"));
        }
        return v;
    }

    static List<Violation> reply(ReplyRequest r, int maxText) {
        List<Violation> v = new ArrayList<>();
        if (r == null) {
            v.add(new Violation("request", "required", "is required"));
            return v;
        }
        if (r.complaintId() == null) {
            v.add(new Violation("complaintId", "required", "is required"));
        }
        if (r.text() == null || r.text().isBlank()) {
            v.add(new Violation("text", "required", "is required"));
        } else if (r.text().codePointCount(0, r.text().length()) > maxText) {
            v.add(new Violation("text", "max-length", "must be at most " + maxText + " characters (was "
                    + r.text().codePointCount(0, r.text().length()) + ")"));
        }
        if (r.imageMediaIds().size() > MAX_REPLY_IMAGES) {
            v.add(new Violation("imageMediaIds", "max-count", "must hold at most " + MAX_REPLY_IMAGES
                    + " images (was " + r.imageMediaIds().size() + ")"));
        }
        for (int i = 0; i < r.imageMediaIds().size(); i++) {
            String id = r.imageMediaIds().get(i);
            if (id == null || id.isBlank()) {
                v.add(new Violation("imageMediaIds[" + i + "]", "required", "must not be blank"));
            }
        }
        r.jumpLink().ifPresent(link -> jumpLink(link, v));
        r.miniProgramJump().ifPresent(jump -> miniProgramJump(jump, v));
        r.idempotencyKey().ifPresent(key -> {
            if (key.isBlank()) {
                v.add(new Violation("idempotencyKey", "required", "must not be blank when given"));
            }
        });
        return v;
    }

    private static void miniProgramJump(MiniProgramJump jump, List<Violation> v) {
        if (jump.appId() == null || jump.appId().isBlank()) {
            v.add(new Violation("miniProgramJump.appId", "required", "is required with a mini-program jump"));
        }
        if (jump.path() == null || jump.path().isBlank()) {
            v.add(new Violation("miniProgramJump.path", "required", "is required with a mini-program jump"));
        }
        if (jump.text() == null || jump.text().isBlank()) {
            v.add(new Violation("miniProgramJump.text", "required", "is required with a mini-program jump"));
        } else if (jump.text().codePointCount(0, jump.text().length()) > MAX_JUMP_TEXT) {
            v.add(new Violation("miniProgramJump.text", "max-length", "must be at most " + MAX_JUMP_TEXT + " characters (was "
                    + jump.text().codePointCount(0, jump.text().length()) + ")"));
        }
    }

    private static void jumpLink(JumpLink link, List<Violation> v) {
        String url = link.url();
        if (url == null || url.isBlank()) {
            v.add(new Violation("jumpLink.url", "required", "is required when a jump link is given"));
        } else {
            if (url.length() > MAX_JUMP_URL) {
                v.add(new Violation("jumpLink.url", "max-length", "must be at most " + MAX_JUMP_URL
                        + " characters (was " + url.length() + ")"));
            }
            if (!isHttps(url)) {
                v.add(new Violation("jumpLink.url", "https", "must be an absolute HTTPS URL (was '" + abbreviate(url) + "')"));
            }
        }
        String text = link.text();
        if (text == null || text.isBlank()) {
            v.add(new Violation("jumpLink.text", "required", "is required when a jump link URL is given"));
        } else if (text.codePointCount(0, text.length()) > MAX_JUMP_TEXT) {
            v.add(new Violation("jumpLink.text", "max-length", "must be at most " + MAX_JUMP_TEXT
                    + " characters (was " + text.codePointCount(0, text.length()) + ")"));
        }
    }

    private static boolean isHttps(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https") && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** WeChat Pay's limit on a refund rejection's reason and on a remark, in characters. */
    static final int MAX_REFUND_TEXT = 200;
    /** The longest working-day delay accepted for a refund's start. */
    static final int MAX_REFUND_DAYS = 365;

    static List<Violation> ref(ComplaintRef ref) {
        List<Violation> v = new ArrayList<>();
        if (ref == null || ref.id() == null) {
            v.add(new Violation("complaintId", "required", "is required"));
        }
        return v;
    }

    static List<Violation> refund(RefundDecision d) {
        List<Violation> v = new ArrayList<>();
        if (d == null) {
            v.add(new Violation("decision", "required", "is required"));
            return v;
        }
        v.addAll(ref(d.complaint()));
        if (d.action() == null) {
            v.add(new Violation("action", "required", "is required (APPROVE or REJECT)"));
            return v;
        }
        if (d.action() == RefundDecision.Action.APPROVE) {
            d.refundInDays().ifPresent(days -> {
                if (days < 0 || days > MAX_REFUND_DAYS) {
                    v.add(new Violation("refundInDays", "range", "must be between 0 and " + MAX_REFUND_DAYS + " (was " + days + ")"));
                }
            });
            if (d.rejectReason().isPresent()) {
                v.add(new Violation("rejectReason", "only-with-reject", "goes only with REJECT, not with APPROVE"));
            }
            if (!d.rejectImageMediaIds().isEmpty()) {
                v.add(new Violation("rejectImageMediaIds", "only-with-reject", "go only with REJECT, not with APPROVE"));
            }
        } else {
            if (d.refundInDays().isPresent()) {
                v.add(new Violation("refundInDays", "only-with-approve", "goes only with APPROVE, not with REJECT"));
            }
            d.rejectReason().ifPresent(reason -> maxChars("rejectReason", reason, MAX_REFUND_TEXT, v));
            if (d.rejectImageMediaIds().size() > MAX_REPLY_IMAGES) {
                v.add(new Violation("rejectImageMediaIds", "max-count", "must hold at most " + MAX_REPLY_IMAGES
                        + " images (was " + d.rejectImageMediaIds().size() + ")"));
            }
            for (int i = 0; i < d.rejectImageMediaIds().size(); i++) {
                String id = d.rejectImageMediaIds().get(i);
                if (id == null || id.isBlank()) {
                    v.add(new Violation("rejectImageMediaIds[" + i + "]", "required", "must not be blank"));
                }
            }
        }
        d.remark().ifPresent(remark -> maxChars("remark", remark, MAX_REFUND_TEXT, v));
        return v;
    }

    static List<Violation> upload(ImageUpload image) {
        List<Violation> v = new ArrayList<>();
        if (image == null) {
            v.add(new Violation("image", "required", "is required"));
            return v;
        }
        if (image.fileName() == null || image.fileName().isBlank()) {
            v.add(new Violation("fileName", "required", "is required"));
        } else if (image.fileName().chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\')) {
            v.add(new Violation("fileName", "plain-name", "must be a plain file name without control characters or path separators"));
        }
        if (image.size() == 0) {
            v.add(new Violation("bytes", "required", "must not be empty"));
        }
        return v;
    }

    static List<Violation> url(String field, String url) {
        List<Violation> v = new ArrayList<>();
        if (url == null || url.isBlank()) {
            v.add(new Violation(field, "required", "is required"));
            return v;
        }
        try {
            String problem = Endpoints.problem(new URI(url.trim()));
            if (problem != null) {
                v.add(new Violation(field, "https", problem));
            }
        } catch (URISyntaxException e) {
            v.add(new Violation(field, "uri", "is not a valid URI: " + e.getReason()));
        }
        return v;
    }

    private static void maxChars(String field, String text, int max, List<Violation> v) {
        int n = text.codePointCount(0, text.length());
        if (n > max) {
            v.add(new Violation(field, "max-length", "must be at most " + max + " characters (was " + n + ")"));
        }
    }

    static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
