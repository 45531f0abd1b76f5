/**
 * Actuator views of a micro service: the {@code micro} endpoint and the health of its registry,
 * broker and server. Active when the application has Spring Boot's Actuator.
 */
package io.microspring.autoconfigure.actuate;
