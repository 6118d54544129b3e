/**
 * A consumer that declares no filter chain: dependency and properties only.
 */
package com.example.defaultchain;
