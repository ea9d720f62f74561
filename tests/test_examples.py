"""The runnable examples run: the digits main job (shortened) and the demo."""
import os

import pytest


def test_digits_main_job_trains_and_checkpoints(tmp_path, capsys):
    from pytorch_py.examples import digits

    ckpt = str(tmp_path / "digits.pt")
    acc = digits.main(["--epochs", "2", "--checkpoint", ckpt])
    out = capsys.readouterr().out
    assert acc >= 0.85, out  # two epochs reach about 94% (12, the default, about 98%)
    assert os.path.exists(ckpt) and "reloaded" in out


def test_demo_runs(capsys):
    from pytorch_py.examples import demo

    demo.main()
    assert "autograd" in capsys.readouterr().out


def test_digits_data_ships_with_the_package():
    from pytorch_py.examples import digits

    images, labels = digits.load_digits()
    assert tuple(images.shape) == (1797, 1, 8, 8) and labels.min().item() == 0 and labels.max().item() == 9
    with pytest.raises(SystemExit):
        digits.main(["--epochs", "not-a-number"])
