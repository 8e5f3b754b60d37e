// Entry point of the main-thread bundle. TensorFlow.js is never imported from here: it lives in the worker.
