/**
 * The three-stage DP VAE-GAN ({@code dp-vaegan}, the RDP-VAEGAN design, issue 21): a DP-trained
 * VAE, a GAN whose small generator feeds the frozen decoder with only its critic trained with
 * DP-SGD, and a DP-trained labeler of the target column, composed in one privacy ledger; on
 * fixed-length timelines ({@link
 * io.github.syntheticpatients.runtime.gan.vaegan.DpSeriesVaeGanTrainer}) a Conv1d VAE and the
 * critic, one patient per record.
 */
package io.github.syntheticpatients.runtime.gan.vaegan;
