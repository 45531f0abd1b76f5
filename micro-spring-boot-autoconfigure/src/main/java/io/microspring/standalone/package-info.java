/**
 * The registry, client and broker of go-micro's settings, built without Spring: what the
 * {@code micro} toolkit's query commands use, so that a {@code micro call} starts no application
 * context.
 */
package io.microspring.standalone;
