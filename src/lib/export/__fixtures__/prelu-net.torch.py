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
BATCH_SIZE = 10  # 0: the whole training set in one batch
NUM_COLUMNS = 2
NUM_TARGETS = 1
NUM_CLASSES = 3  # 0: regression
EPS = 1e-7  # probabilities are clipped to [EPS, 1 - EPS] inside logs, as in the playground


class AxonNet(nn.Module):
    """The drawn network. A node with several parents is one Linear on their concatenation."""

    def __init__(self):
        super().__init__()
        self.hidden_1 = nn.Linear(3, 3)
        self.hidden_1_prelu = nn.PReLU(3)
        self.hidden_1_dropout = nn.Dropout(0.2)
        self.hidden_2 = nn.Linear(3, 2)
        self.class_ = nn.Linear(2, 3)

    def forward(self, inputs):
        # inputs: x1, x2, sin(x1)
        hidden_1 = self.hidden_1_prelu(self.hidden_1(inputs))
        hidden_1 = self.hidden_1_dropout(hidden_1)
        hidden_2 = F.elu(self.hidden_2(hidden_1))
        class_ = torch.softmax(self.class_(hidden_2), dim=1)
        return class_


# The weights trained in the playground (nn.Linear weights are [outputs, inputs], nn.Conv2d ones [filters, inputs, k, k]).
STATE_DICT = {
    "hidden_1.weight": [
        [-1.0, 0.5, -0.25],
        [0.25, -0.5, 1.0],
        [-0.75, 0.75, 0.0],
    ],
    "hidden_1.bias": [-1.0, 0.25, -0.75],
    "hidden_1_prelu.weight": [0.5, -0.5, 0.75],
    "hidden_2.weight": [
        [-0.25, 0.0, 0.25],
        [1.0, -1.0, -0.75],
    ],
    "hidden_2.bias": [0.5, -0.5],
    "class_.weight": [
        [0.75, 0.0],
        [-0.25, -1.0],
        [1.0, 0.25],
    ],
    "class_.bias": [-0.75, 0.5, -0.5],
}


def make_inputs(raw):
    """raw: a float32 tensor (n, 2) of the data columns. Returns the arguments of AxonNet.forward."""
    raw = raw.numpy()
    return [
        torch.from_numpy(np.ascontiguousarray(np.stack([raw[:, 0], raw[:, 1], np.sin(raw[:, 0])], axis=1), dtype="float32")),  # inputs
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
    optimizer = torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-7)
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
