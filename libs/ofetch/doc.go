// Package ofetch is the profile of ofetch 1.x (unjs, Nuxt's $fetch): ofetch.create defaults
// spread under each call's options, ufo's string URL helpers, then Node's fetch.
package ofetch
