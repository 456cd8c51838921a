/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Page.nextRequest")
class PageTest {
    @Test
    @DisplayName("known total: more pages until the total is reached")
    void knownTotal() {
        assertThat(new Page<>(List.of(1, 2), PageRequest.first(2), OptionalLong.of(5)).nextRequest())
                .contains(new PageRequest(2, 2));
        assertThat(new Page<>(List.of(5), new PageRequest(4, 2), OptionalLong.of(5)).nextRequest()).isEmpty();
    }

    @Test
    @DisplayName("unknown total: a full page may have a successor, a short one does not")
    void unknownTotal() {
        assertThat(new Page<>(List.of(1, 2), PageRequest.first(2), OptionalLong.empty()).nextRequest()).isPresent();
        assertThat(new Page<>(List.of(1), PageRequest.first(2), OptionalLong.empty()).nextRequest()).isEmpty();
    }

    @Test
    @DisplayName("an empty page ends the stream even when the total claims more")
    void emptyPageEnds() {
        assertThat(new Page<>(List.of(), new PageRequest(10, 10), OptionalLong.of(50)).nextRequest()).isEmpty();
    }

    @Test
    @DisplayName("page numbers are 1-based")
    void pageNumber() {
        assertThat(new PageRequest(20, 10).pageNumber()).isEqualTo(3);
    }

    @Test
    @DisplayName("unknown operation types map to UNKNOWN")
    void operationTypes() {
        assertThat(OperationType.fromWire("USER_COMFIRM_COMPLAINT")).isEqualTo(OperationType.USER_COMFIRM_COMPLAINT);
        assertThat(OperationType.fromWire("SOMETHING_NEW")).isEqualTo(OperationType.UNKNOWN);
        assertThat(OperationType.fromWire(null)).isEqualTo(OperationType.UNKNOWN);
        assertThat(OperationType.fromWire("UNKNOWN")).isEqualTo(OperationType.UNKNOWN);
    }
}
