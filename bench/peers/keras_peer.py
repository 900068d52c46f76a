"""Keras's workers (TensorFlow backend, model.fit / model.predict): the three training epochs and CNN
inference."""
from __future__ import annotations

import os

from common import BATCH, LR_SGD, SEED, cores, epoch_result, inference_images, inference_result, mnist_like, timed


def setup():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(cores())
    tf.config.threading.set_inter_op_parallelism_threads(cores())
    import keras

    keras.utils.set_random_seed(SEED)
    return tf, keras


def xla_note(model) -> str:
    return f"XLA {'on' if getattr(model, 'jit_compile', None) else 'off'} (Keras default)"


def train(args, key: str, layers_of, optimizer, images: bool, notes: list[str]) -> list[dict]:
    tf, keras = setup()
    x, y = mnist_like(args.samples)
    x = x.reshape(-1, 28, 28, 1) if images else x
    model = keras.Sequential([keras.Input(shape=x.shape[1:])] + layers_of(keras))
    model.compile(optimizer=optimizer(keras), loss="sparse_categorical_crossentropy")
    model.fit(x[:3 * BATCH], y[:3 * BATCH], batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    times = timed(lambda: model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0), args.repeats)
    notes = notes + ["model.fit, " + xla_note(model)]
    return [dict(key=key, **epoch_result(times, len(x), notes))]


def mlp(args):
    def layers(keras):
        return [keras.layers.Dense(625, activation="sigmoid", use_bias=False),
                keras.layers.Dense(10, activation="softmax", use_bias=False)]
    return train(args, "mlp_epoch_seconds", layers, lambda keras: keras.optimizers.SGD(learning_rate=LR_SGD), False, [])


CNN_NOTES = ["ZeroPadding2D(2) + valid conv = 'full'; 'same' pooling = ceil mode"]


def cnn_layers(keras):
    L = keras.layers
    out = [L.ZeroPadding2D(2)]  # + a 'valid' 3×3 convolution = Theano's 'full' border
    for filters in (32, 64, 128):
        out += [L.Conv2D(filters, 3, activation="relu", use_bias=False),
                L.MaxPooling2D(2, padding="same"),  # 'same' 2×2/2 pooling rounds up like ceil mode
                L.Dropout(0.2)]
    return out + [L.Flatten(), L.Dense(625, activation="relu", use_bias=False), L.Dropout(0.5),
                  L.Dense(10, activation="softmax", use_bias=False)]


def cnn(args):
    return train(args, "cnn_epoch_seconds", cnn_layers,
                 lambda keras: keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-6), True,
                 CNN_NOTES + ["RMSprop adds ε inside the square root, as Radford's"])


def lenet5(args):
    def layers(keras):
        L = keras.layers
        return [L.Conv2D(6, 5, padding="same", activation="relu"), L.MaxPooling2D(2),
                L.Conv2D(16, 5, activation="relu"), L.MaxPooling2D(2), L.Flatten(),
                L.Dense(120, activation="relu"), L.Dense(84, activation="relu"), L.Dense(10, activation="softmax")]
    return train(args, "lenet5_epoch_seconds", layers, lambda keras: keras.optimizers.SGD(learning_rate=LR_SGD), True, [])


def cnn_inference(args):
    tf, keras = setup()
    x = inference_images().reshape(-1, 28, 28, 1)
    model = keras.Sequential([keras.Input(shape=x.shape[1:])] + cnn_layers(keras))

    def run():
        return model.predict(x, batch_size=BATCH, verbose=0).argmax(axis=1)

    return inference_result("cnn_inference_images_per_second", run, args.repeats,
                            CNN_NOTES + ["model.predict, " + xla_note(model)])


WORKERS = {"mlp": mlp, "cnn": cnn, "lenet5": lenet5, "cnn_inference": cnn_inference}
