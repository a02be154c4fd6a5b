# A Keras model of the network drawn in Axon, with its trained weights.
# Runs with TensorFlow 2.16 or later (Keras 3):  pip install tensorflow
import numpy as np
import tensorflow as tf
import keras
from keras import layers, regularizers

# Inputs: one keras.Input per input node; make_inputs() computes the features from the raw columns.
x = keras.Input(shape=(2,), name="x")  # x1, x2


def make_inputs(raw):
    """raw: an array of shape (n, 2) with the columns x1, x2. Returns what model.predict takes."""
    raw = np.asarray(raw, dtype="float32")
    return raw[:, 0:2].astype("float32")


# Layers, in the order the data flows. Kernels are [inputs, units].
h1 = layers.Dense(3, activation="tanh", name="h1")(x)
h2 = layers.Dense(2, activation="relu", name="h2")(h1)
out = layers.Dense(1, activation="sigmoid", name="out")(h2)

model = keras.Model(inputs=x, outputs=out, name="axon")

# The weights trained in the playground. With several parents, kernel rows follow the Concatenate order.
model.get_layer("h1").set_weights([
    np.array([
        [-1.0, 0.25, -0.75],
        [0.5, -0.5, 0.75],
    ], dtype="float32"),
    np.array([-0.25, 1.0, 0.0], dtype="float32"),
])
model.get_layer("h2").set_weights([
    np.array([
        [-1.0, 0.25],
        [-0.75, 0.5],
        [-0.5, 0.75],
    ], dtype="float32"),
    np.array([-0.25, 1.0], dtype="float32"),
])
model.get_layer("out").set_weights([
    np.array([
        [0.0],
        [-1.0],
    ], dtype="float32"),
    np.array([0.25], dtype="float32"),
])

model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7), loss="binary_crossentropy", metrics=["accuracy"])
model.summary()  # 20 parameters, as in the playground

# Try it:  model.predict(make_inputs([[0.5, -1.0]]))
