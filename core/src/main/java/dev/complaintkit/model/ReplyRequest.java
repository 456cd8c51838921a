/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A merchant's reply to a complaint. Build with {@link #builder(String)}. The record accepts any
 * values; {@code ComplaintClient.reply} checks every rule and reports all broken ones at once.
 *
 * @param complaintId the complaint answered
 * @param text the reply text (at most the provider's {@link dev.complaintkit.port.ReplyPort#maxReplyTextLength()}: 200 characters unless it says otherwise)
 * @param imageMediaIds up to 4 image media ids from the provider's image upload
 * @param jumpLink an optional link shown after the text
 * @param idempotencyKey the key that makes retries safe; when empty the client assigns one and
 *     reuses it on every retry of this reply
 * @param miniProgramJump an optional mini-program link shown after the text, where the provider has one
 */
public record ReplyRequest(
        ComplaintId complaintId,
        String text,
        List<String> imageMediaIds,
        Optional<JumpLink> jumpLink,
        Optional<String> idempotencyKey,
        Optional<MiniProgramJump> miniProgramJump) {

    public ReplyRequest {
        imageMediaIds = imageMediaIds == null ? List.of() : List.copyOf(imageMediaIds);
        jumpLink = jumpLink == null ? Optional.empty() : jumpLink;
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
        miniProgramJump = miniProgramJump == null ? Optional.empty() : miniProgramJump;
    }

    /**
     * A reply without a mini-program link.
     *
     * @param complaintId the complaint answered
     * @param text the reply text
     * @param imageMediaIds image media ids
     * @param jumpLink an optional link
     * @param idempotencyKey an optional idempotency key
     */
    public ReplyRequest(ComplaintId complaintId, String text, List<String> imageMediaIds, Optional<JumpLink> jumpLink,
            Optional<String> idempotencyKey) {
        this(complaintId, text, imageMediaIds, jumpLink, idempotencyKey, Optional.empty());
    }

    /**
     * @param key the idempotency key to use
     * @return a copy carrying that key
     */
    public ReplyRequest withIdempotencyKey(String key) {
        return new ReplyRequest(complaintId, text, imageMediaIds, jumpLink, Optional.of(key), miniProgramJump);
    }

    /**
     * @param complaintId the complaint to answer
     * @return a builder
     */
    public static Builder builder(String complaintId) {
        return new Builder(complaintId);
    }

    /** Builder for {@link ReplyRequest}. */
    public static final class Builder {
        private final String complaintId;
        private String text;
        private final List<String> images = new ArrayList<>();
        private JumpLink jumpLink;
        private MiniProgramJump miniProgramJump;
        private String idempotencyKey;

        private Builder(String complaintId) {
            this.complaintId = complaintId;
        }

        /**
         * @param text the reply text
         * @return this
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param mediaId an image media id from the provider's upload
         * @return this
         */
        public Builder image(String mediaId) {
            images.add(mediaId);
            return this;
        }

        /**
         * @param url HTTPS target
         * @param text text shown
         * @return this
         */
        public Builder jumpLink(String url, String text) {
            this.jumpLink = new JumpLink(url, text);
            return this;
        }

        /**
         * @param appId the mini program's app id
         * @param path the page path inside it
         * @param text the text shown
         * @return this
         */
        public Builder miniProgram(String appId, String path, String text) {
            this.miniProgramJump = new MiniProgramJump(appId, path, text);
            return this;
        }

        /**
         * @param key the idempotency key for this reply
         * @return this
         */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** @return the request (not yet validated) */
        public ReplyRequest build() {
            ComplaintId id = complaintId == null || complaintId.isBlank() ? null : new ComplaintId(complaintId);
            return new ReplyRequest(id, text, images, Optional.ofNullable(jumpLink), Optional.ofNullable(idempotencyKey),
                    Optional.ofNullable(miniProgramJump));
        }
    }
}
