package io.lode.trust;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The API's one paging style: a listing takes {@code ?cursor=&limit=} and answers {@code {items, nextCursor}}, the
 * cursor an opaque keyset token of the last item served (rows written meanwhile do not shift pages);
 * {@code nextCursor} is absent on the last page. Agents, tasks, ledger entries and balances all page this way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor) {
}
