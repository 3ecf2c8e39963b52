/**
 * The three-stage DP VAE-GAN ({@code dp-vaegan}, the RDP-VAEGAN design, issue 21): a DP-trained
 * VAE, a GAN whose small generator feeds the frozen decoder with only its critic trained with
 * DP-SGD, and a DP-trained labeler of the target column, composed in one privacy ledger.
 */
package io.github.syntheticpatients.runtime.gan.vaegan;
