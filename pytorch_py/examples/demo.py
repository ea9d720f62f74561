"""A short tour of what pytorch_py does today: `python -m pytorch_py.examples.demo`."""
import numpy as np

import pytorch_py as torch


def main():
    x = torch.tensor([[1., 2.], [3., 4.]])
    y = torch.ones(2, 2, dtype=torch.float64)
    print("x =", x)
    print("x + y (float32 + float64 promotes) =", x + y)
    print("(x + y).t().contiguous()[0, 1:] =", (x + y).t().contiguous()[0, 1:])
    arr = np.arange(6, dtype=np.float32).reshape(2, 3)
    t = torch.from_numpy(arr)
    t[0, 0] = 100
    print("from_numpy shares memory: arr[0, 0] =", arr[0, 0])
    print("exp of a transposed view:", t.t().exp())
    print("comparison gives bool:", (t > 2))
    print("int tensor / 2 is float:", torch.tensor([1, 2, 3]) / 2)
    try:
        torch.ones(2, 3) + torch.ones(4)
    except RuntimeError as e:
        print("a clear error instead of a crash:", e)

    torch.manual_seed(0)
    a = torch.randn(3, 3, dtype=torch.float64)
    b = torch.randn(3, dtype=torch.float64)
    x = torch.linalg.solve(a, b)
    print("linalg.solve residual:", (a @ x - b).abs().max().item())
    print("sorted:", torch.tensor([3, 1, 2]).sort())

    w = torch.tensor([1.0, -2.0], requires_grad=True)
    loss = (w ** 2).sum() + w.prod()
    loss.backward()
    print("autograd: d/dw (sum w^2 + prod w) at", w.tolist(), "=", w.grad.tolist())

    import io

    buf = io.BytesIO()
    torch.save({"w": w.detach(), "step": 1}, buf)
    buf.seek(0)
    print("torch.save / torch.load round trip:", torch.load(buf))


if __name__ == "__main__":
    main()
