/** go-micro's Debug service ({@code Debug.Health}, {@code Debug.Stats}) as served by every Java node. */
package io.microspring.server.debug;
