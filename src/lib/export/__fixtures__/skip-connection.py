# A Keras model of the network drawn in Axon, with its trained weights.
# Runs with TensorFlow 2.16 or later (Keras 3):  pip install tensorflow
import numpy as np
import tensorflow as tf
import keras
from keras import layers, regularizers

# Inputs: one keras.Input per input node; make_inputs() computes the features from the raw columns.
x = keras.Input(shape=(2,), name="x")  # distance, rating
squares = keras.Input(shape=(3,), name="squares")  # distance**2, rating**2, distance*rating


def make_inputs(raw):
    """raw: an array of shape (n, 2) with the columns distance, rating. Returns what model.predict takes."""
    raw = np.asarray(raw, dtype="float32")
    return [
        raw[:, 0:2].astype("float32"),  # x
        np.stack([raw[:, 0] ** 2, raw[:, 1] ** 2, raw[:, 0] * raw[:, 1]], axis=1).astype("float32"),  # squares
    ]


# Layers, in the order the data flows. Kernels are [inputs, units].
# h adds up its parents' contributions: that is one Dense on their concatenation.
h_concat = layers.Concatenate(name="h_concat")([x, squares])
h = layers.Dense(2, kernel_regularizer=regularizers.L2(0.011), name="h")(h_concat)
h = layers.LeakyReLU(negative_slope=0.01, name="h_leaky_relu")(h)
# y adds up its parents' contributions: that is one Dense on their concatenation.
y_concat = layers.Concatenate(name="y_concat")([h, x])
y = layers.Dense(1, kernel_regularizer=regularizers.L2(0.001), name="y")(y_concat)

model = keras.Model(inputs=[x, squares], outputs=y, name="axon")

# The weights trained in the playground. With several parents, kernel rows follow the Concatenate order.
model.get_layer("h").set_weights([
    np.array([
        [-1.0, 0.25],
        [-0.75, 0.5],
        [-0.5, 0.75],
        [-0.25, 1.0],
        [0.0, -1.0],
    ], dtype="float32"),
    np.array([0.25, -0.75], dtype="float32"),
])
model.get_layer("y").set_weights([
    np.array([
        [0.5],
        [-0.5],
        [0.75],
        [-0.25],
    ], dtype="float32"),
    np.array([1.0], dtype="float32"),
])

model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mean_squared_error")
model.summary()  # 17 parameters, as in the playground

# Try it:  model.predict(make_inputs([[0.5, -1.0]]))
