"""PyTorch's workers (eager mode): sgemm, the three training epochs, MLP and CNN inference."""
from __future__ import annotations

from common import BATCH, INFERENCE_IMAGES, LR_SGD, SEED, cores, epoch_result, gemm_results, inference_images, \
    inference_result, mnist_like, timed, weights


def setup():
    import torch

    torch.set_num_threads(cores())
    try:
        torch.set_num_interop_threads(cores())
    except RuntimeError:
        pass
    torch.manual_seed(SEED)
    return torch


def gemm(args) -> list[dict]:
    torch = setup()
    gen = torch.Generator().manual_seed(SEED)

    def make_call(m, n, k, ta, tb):
        a = torch.randn((k, m) if ta else (m, k), generator=gen)
        b = torch.randn((n, k) if tb else (k, n), generator=gen)
        a, b = (a.t() if ta else a), (b.t() if tb else b)
        c = torch.empty((m, n))
        return lambda: torch.mm(a, b, out=c)

    return gemm_results(make_call, args.repeats)


def mlp_model(torch):
    nn = torch.nn
    model = nn.Sequential(nn.Linear(784, 625, bias=False), nn.Sigmoid(), nn.Linear(625, 10, bias=False))
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(weights((784, 625), 1).T.copy()))
        model[2].weight.copy_(torch.from_numpy(weights((625, 10), 2).T.copy()))
    return model


def cnn_model(torch):
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=2, bias=False), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True), nn.Dropout(0.2),
        nn.Conv2d(32, 64, 3, bias=False), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True), nn.Dropout(0.2),
        nn.Conv2d(64, 128, 3, bias=False), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True), nn.Dropout(0.2),
        nn.Flatten(), nn.Linear(128 * 3 * 3, 625, bias=False), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(625, 10, bias=False))


def lenet5_model(torch):
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


CNN_NOTES = ["padding 2 ('full'), ceil-mode pooling"]


def train(args, key: str, build, optimizer, images: bool, notes: list[str]) -> list[dict]:
    torch = setup()
    x, y = mnist_like(args.samples)
    xt = torch.from_numpy(x.reshape(-1, 1, 28, 28) if images else x)
    yt = torch.from_numpy(y)
    model = build(torch)
    model.train()
    opt = optimizer(torch, model.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()  # log-softmax + mean negative log-likelihood

    def epoch(limit=None):
        n = len(xt) if limit is None else min(len(xt), limit * BATCH)
        for i in range(0, n, BATCH):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[i:i + BATCH]), yt[i:i + BATCH])
            loss.backward()
            opt.step()

    epoch(3)
    return [dict(key=key, **epoch_result(timed(epoch, args.repeats), len(xt), notes))]


def mlp(args):
    return train(args, "mlp_epoch_seconds", mlp_model,
                 lambda torch, p: torch.optim.SGD(p, lr=LR_SGD), False, ["eager mode"])


def cnn(args):
    return train(args, "cnn_epoch_seconds", cnn_model,
                 lambda torch, p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-6), True,
                 CNN_NOTES + ["RMSprop adds ε outside the square root"])


def lenet5(args):
    return train(args, "lenet5_epoch_seconds", lenet5_model,
                 lambda torch, p: torch.optim.SGD(p, lr=LR_SGD), True, [])


def classify(args, key: str, build, images: bool, notes: list[str]) -> list[dict]:
    torch = setup()
    x = inference_images()
    xt = torch.from_numpy(x.reshape(-1, 1, 28, 28) if images else x)
    model = build(torch).eval()

    def run():
        with torch.inference_mode():
            return torch.cat([model(xt[i:i + BATCH]).argmax(dim=1) for i in range(0, INFERENCE_IMAGES, BATCH)])

    return inference_result(key, run, args.repeats, notes + ["eager mode, inference_mode()"])


def inference(args):
    return classify(args, "mlp_inference_images_per_second", mlp_model, False, [])


def cnn_inference(args):
    return classify(args, "cnn_inference_images_per_second", cnn_model, True, CNN_NOTES)


WORKERS = {"gemm": gemm, "mlp": mlp, "cnn": cnn, "lenet5": lenet5, "inference": inference,
           "cnn_inference": cnn_inference}
