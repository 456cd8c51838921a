/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintState;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code complaintkit list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List complaints.")
final class ListCommand implements Callable<Integer> {
    /** The states {@code --state} accepts. */
    enum StateOption {
        pending(ComplaintState.PENDING), processing(ComplaintState.PROCESSING), processed(ComplaintState.PROCESSED);

        final ComplaintState state;

        StateOption(ComplaintState state) {
            this.state = state;
        }
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ProviderOptions provider;

    @Mixin
    OutputOptions output;

    @Mixin
    PagingOptions paging;

    @Option(names = "--state", paramLabel = "STATE", description = "pending, processing or processed.")
    StateOption state;

    @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or after this day (Asia/Shanghai; ISO, e.g. 2024-06-01)."
                    + " WeChat Pay without --from/--to: the last 30 days.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or before this day (Asia/Shanghai; ISO, e.g. 2024-06-30).")
    LocalDate to;

    /** The provider whose list needs a range: WeChat Pay lists at most 30 days at a time, and the last 30 without one. */
    static final String WECHATPAY = "wechatpay";
    /** The days {@code list} covers for WeChat Pay without {@code --from}/{@code --to}. */
    static final int WECHATPAY_DEFAULT_DAYS = 30;
    /** WeChat Pay's largest list page ({@code limit} 1..50): the page size without {@code --page-size}. */
    static final int WECHATPAY_PAGE_SIZE = 50;

    /**
     * @param providerId the provider listed
     * @param from {@code --from}, or {@code null}
     * @param to {@code --to}, or {@code null}
     * @param clock the clock (today is taken in Asia/Shanghai)
     * @return the days to list, both included: as given; for WeChat Pay without either, the last
     *     {@value #WECHATPAY_DEFAULT_DAYS} days up to today
     */
    static LocalDate[] range(String providerId, LocalDate from, LocalDate to, java.time.Clock clock) {
        if (WECHATPAY.equals(providerId) && from == null && to == null) {
            LocalDate today = LocalDate.now(clock.withZone(Main.SHANGHAI));
            return new LocalDate[] {today.minusDays(WECHATPAY_DEFAULT_DAYS - 1L), today};
        }
        return new LocalDate[] {from, to};
    }

    @Override
    public Integer call() throws Exception {
        paging.check();
        if (WECHATPAY.equals(provider.provider)) {
            paging.defaultPageSize = WECHATPAY_PAGE_SIZE;
        }
        OutputOptions.Format format = output.format();
        LocalDate[] days = range(provider.provider, this.from, this.to, main.clock);
        LocalDate from = days[0];
        LocalDate to = days[1];
        ComplaintFilter.Builder f = ComplaintFilter.builder();
        if (state != null) {
            f.state(state.state);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--to (" + to + ") must not be before --from (" + from + ")");
        }
        if (from != null || to != null) {
            f.between(from == null ? null : from.atStartOfDay(Main.SHANGHAI).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(Main.SHANGHAI).toInstant().minusSeconds(1));
        }
        ComplaintFilter filter = f.build();
        try (ComplaintClient client = main.client(provider.provider)) {
            return new PagedOutput(main, format, output.csvBom, paging).printAll(size -> client.complaints(filter, size),
                    Views.complaintRows());
        }
    }
}
