/**
 * The keeper's HTTP side that the shared pipeline does not know: {@link
 * io.spike.keeper.http.KeeperErrorMapping}, the one place that turns the keeper's refusals into
 * error codes and statuses. Nothing else in the keeper knows a status.
 */
package io.spike.keeper.http;
