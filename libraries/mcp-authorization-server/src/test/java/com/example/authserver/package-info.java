/**
 * A consumer of the library written from scratch, and its journey over real HTTP.
 */
package com.example.authserver;
