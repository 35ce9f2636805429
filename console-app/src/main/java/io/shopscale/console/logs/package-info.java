/**
 * The logs of several containers read as one: pure text handling, with no Docker in it.
 */
package io.shopscale.console.logs;
