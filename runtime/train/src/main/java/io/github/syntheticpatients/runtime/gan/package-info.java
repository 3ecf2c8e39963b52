/**
 * GAN trainers (CTGAN and a basic GAN) on DJL PyTorch that turn an encoded matrix into a plain-Java
 * generator; the only package that imports {@code ai.djl}.
 */
package io.github.syntheticpatients.runtime.gan;
