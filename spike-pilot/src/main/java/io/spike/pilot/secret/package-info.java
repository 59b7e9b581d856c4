/**
 * {@code spike secret ...}: put, get, list, delete, undelete and metadata get. Values are printed
 * only by {@code get}, to stdout; no message or log line ever carries one.
 */
package io.spike.pilot.secret;
