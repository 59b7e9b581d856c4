/** {@code spike audit}: checks of the Nexus audit log's hash chain (DESIGN §9). */
package io.spike.pilot.audit;
