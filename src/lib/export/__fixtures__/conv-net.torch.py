# The network drawn in Axon as a PyTorch module, with its trained weights, optimizer, loss and settings,
# and a training loop that continues the experiment on the data exported beside it.
# Runs with PyTorch 2:  pip install torch numpy
# Usage:  python this_file.py [data.csv]   (default "axon-data.csv"; on several GPUs or machines,
# wrap the model in torch.nn.parallel.DistributedDataParallel and start it with torchrun)
import csv
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

SEED = 1
EPOCHS = 100
BATCH_SIZE = 8  # 0: the whole training set in one batch
NUM_COLUMNS = 162
NUM_TARGETS = 1
NUM_CLASSES = 3  # 0: regression
EPS = 1e-7  # probabilities are clipped to [EPS, 1 - EPS] inside logs, as in the playground


class AxonNet(nn.Module):
    """The drawn network. A node with several parents is one Linear on their concatenation."""

    def __init__(self):
        super().__init__()
        self.conv_1 = nn.Conv2d(2, 4, 3, stride=1)
        self.pool_1 = nn.MaxPool2d(2, stride=2)
        self.conv_2 = nn.Conv2d(4, 3, 2, stride=1)
        self.pool_2 = nn.AvgPool2d(2, stride=1)
        self.dense = nn.Linear(27, 5)
        self.digit = nn.Linear(5, 3)

    def forward(self, image):
        # image: images of 9×9 pixels, 2 channel(s), from the first 162 columns
        image = image.permute(0, 3, 1, 2)  # (n, height, width, channels) as stored, to PyTorch's NCHW
        conv_1 = torch.relu(self.conv_1(F.pad(image, (1, 1, 1, 1))))
        pool_1 = self.pool_1(conv_1)
        conv_2 = torch.tanh(self.conv_2(F.pad(pool_1, (0, 1, 0, 1))))
        pool_2 = self.pool_2(conv_2)
        flat = pool_2.permute(0, 2, 3, 1).flatten(1)  # back to height, width, channels order
        dense = F.elu(self.dense(flat))
        digit = torch.softmax(self.digit(dense), dim=1)
        return digit


# The weights trained in the playground (nn.Linear weights are [outputs, inputs], nn.Conv2d ones [filters, inputs, k, k]).
STATE_DICT = {
    "conv_1.weight": [
        [[[-1.0, 0.0, 1.0], [-0.25, 0.75, -0.5], [0.5, -0.75, 0.25]], [[-0.5, 0.5, -0.75], [0.25, -1.0, 0.0], [1.0, -0.25, 0.75]]],
        [[[0.25, -1.0, 0.0], [1.0, -0.25, 0.75], [-0.5, 0.5, -0.75]], [[0.75, -0.5, 0.5], [-0.75, 0.25, -1.0], [0.0, 1.0, -0.25]]],
        [[[-0.75, 0.25, -1.0], [0.0, 1.0, -0.25], [0.75, -0.5, 0.5]], [[-0.25, 0.75, -0.5], [0.5, -0.75, 0.25], [-1.0, 0.0, 1.0]]],
        [[[0.5, -0.75, 0.25], [-1.0, 0.0, 1.0], [-0.25, 0.75, -0.5]], [[1.0, -0.25, 0.75], [-0.5, 0.5, -0.75], [0.25, -1.0, 0.0]]],
    ],
    "conv_1.bias": [-1.0, 0.25, -0.75, 0.5],
    "conv_2.weight": [
        [[[-0.5, 1.0], [0.25, -0.5]], [[1.0, 0.25], [-0.5, 1.0]], [[0.25, -0.5], [1.0, 0.25]], [[-0.5, 1.0], [0.25, -0.5]]],
        [[[0.75, 0.0], [-0.75, 0.75]], [[0.0, -0.75], [0.75, 0.0]], [[-0.75, 0.75], [0.0, -0.75]], [[0.75, 0.0], [-0.75, 0.75]]],
        [[[-0.25, -1.0], [0.5, -0.25]], [[-1.0, 0.5], [-0.25, -1.0]], [[0.5, -0.25], [-1.0, 0.5]], [[-0.25, -1.0], [0.5, -0.25]]],
    ],
    "conv_2.bias": [1.0, 0.0, -1.0],
    "dense.weight": [
        [0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75],
        [-0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25],
        [0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0],
        [-0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0],
        [0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0, 0.75, 0.25, -0.25, -0.75, 1.0, 0.5, 0.0, -0.5, -1.0],
    ],
    "dense.bias": [0.25, -0.75, 0.5, -0.5, 0.75],
    "digit.weight": [
        [-0.25, -1.0, 0.5, -0.25, -1.0],
        [1.0, 0.25, -0.5, 1.0, 0.25],
        [0.0, -0.75, 0.75, 0.0, -0.75],
    ],
    "digit.bias": [0.5, -0.5, 0.75],
}


def make_inputs(raw):
    """raw: a float32 tensor (n, 162) of the data columns. Returns the arguments of AxonNet.forward."""
    raw = raw.numpy()
    return [
        torch.from_numpy(np.ascontiguousarray(raw[:, 0:162].reshape(-1, 9, 9, 2), dtype="float32")),  # image
    ]


def make_targets(values):
    """The CSV target columns as the output layer is trained against."""
    labels = values[:, 0].long()
    off = 0.0
    return torch.where(F.one_hot(labels, NUM_CLASSES) == 1, 1.0, off)


def loss_fn(y, t):
    """The playground's loss, reduced the same way."""
    return -(t * y.clamp(EPS, 1 - EPS).log()).sum(dim=1).mean()


def read_csv(path):
    """Columns by position: the data columns, the target(s), then split (train / test)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    values = torch.tensor([[float(v) for v in row[: NUM_COLUMNS + NUM_TARGETS]] for row in rows], dtype=torch.float32)
    test = torch.tensor([row[NUM_COLUMNS + NUM_TARGETS] == "test" for row in rows])
    return values[:, :NUM_COLUMNS], make_targets(values[:, NUM_COLUMNS:]), test


def main(path):
    torch.manual_seed(SEED)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = AxonNet()
    model.load_state_dict({name: torch.tensor(value) for name, value in STATE_DICT.items()})
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-7)
    raw, targets, test = read_csv(path)
    inputs = [x.to(device) for x in make_inputs(raw)]
    targets = targets.to(device)
    train = (~test).nonzero().squeeze(1)
    size = BATCH_SIZE if BATCH_SIZE > 0 else len(train)
    for epoch in range(1, EPOCHS + 1):
        model.train()
        order = train[torch.randperm(len(train))]
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            y = model(*[x[batch] for x in inputs])
            penalty = torch.zeros((), device=device)
            loss = loss_fn(y, targets[batch]) + penalty
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            report = f"epoch {epoch}: train loss {loss_fn(model(*[x[train] for x in inputs]), targets[train]).item():.4f}"
            if test.any():
                held = test.nonzero().squeeze(1)
                report += f", test loss {loss_fn(model(*[x[held] for x in inputs]), targets[held]).item():.4f}"
        print(report)
    torch.save(model.state_dict(), "axon_model.pt")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "axon-data.csv")
