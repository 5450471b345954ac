package io.lode.trust;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The API's one paging style: a listing takes {@code ?cursor=&limit=} and answers {@code {items, nextCursor}}, the
 * cursor an opaque keyset token of the last item served (rows written meanwhile do not shift pages);
 * {@code nextCursor} is absent on the last page. Agents, tasks, ledger entries and balances all page this way.
 * {@code total}: how many match over all pages, only where a listing is asked for it (absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor, Long total) {

    public Page(List<T> items, String nextCursor) {
        this(items, nextCursor, null);
    }
}
