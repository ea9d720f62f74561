/* The THNN kernels of one element type (included once per type by THNN.h).  Argument orders are
 * Lua Torch's THNN ones; see THNN.h for the protocol and the meaning of the comments. */

/* ---------------------------------------------------------------- activations (pointwise) */

TH_API void THNN_(Abs_updateOutput)(THNNState *state, THTensor *input,
                                    THTensor *output);  // [OUT]
TH_API void THNN_(Abs_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                       THTensor *gradInput);  // [OUT]

/* y = scale * x for x > 0, scale * alpha * (exp(input_scale * x) - 1) otherwise.  inplace: the
 * result overwrites input and output becomes a view of it.  The backward uses the output. */
TH_API void THNN_(ELU_updateOutput)(THNNState *state, THTensor *input,
                                    THTensor *output,  // [OUT]
                                    accreal alpha, accreal scale, accreal input_scale, bool inplace);
TH_API void THNN_(ELU_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                       THTensor *gradInput,  // [OUT]
                                       THTensor *output, accreal alpha, accreal scale, accreal input_scale);

/* clamp(x, min_val, max_val); the gradient is zero where x <= min_val or x >= max_val.  inplace in
 * the backward overwrites gradOutput, and gradInput becomes a view of it. */
TH_API void THNN_(HardTanh_updateOutput)(THNNState *state, THTensor *input,
                                         THTensor *output,  // [OUT]
                                         accreal min_val, accreal max_val, bool inplace);
TH_API void THNN_(HardTanh_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                            THTensor *gradInput,  // [OUT]
                                            accreal min_val, accreal max_val, bool inplace);

TH_API void THNN_(LeakyReLU_updateOutput)(THNNState *state, THTensor *input,
                                          THTensor *output,  // [OUT]
                                          accreal negval, bool inplace);
TH_API void THNN_(LeakyReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                             THTensor *gradInput,  // [OUT]
                                             accreal negval, bool inplace);

/* log(sigmoid(x)), stable for large |x|; buffer keeps exp(-|x|) for the backward. */
TH_API void THNN_(LogSigmoid_updateOutput)(THNNState *state, THTensor *input,
                                           THTensor *output,  // [OUT]
                                           THTensor *buffer);  // [BUFFER]
TH_API void THNN_(LogSigmoid_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                              THTensor *gradInput,  // [OUT]
                                              THTensor *buffer);  // [BUFFER]

/* Along dimension dim (0-based), max-shifted so that no exponential overflows. */
TH_API void THNN_(LogSoftMax_updateOutput)(THNNState *state, THTensor *input,
                                           THTensor *output,  // [OUT]
                                           int64_t dim);
TH_API void THNN_(LogSoftMax_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                              THTensor *gradInput,  // [OUT]
                                              THTensor *output, int64_t dim);
TH_API void THNN_(SoftMax_updateOutput)(THNNState *state, THTensor *input,
                                        THTensor *output,  // [OUT]
                                        int64_t dim);
TH_API void THNN_(SoftMax_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                           THTensor *gradInput,  // [OUT]
                                           THTensor *output, int64_t dim);

/* weight has 1 element or one per channel (dim 1 of an input with 2 or more dims). */
TH_API void THNN_(PReLU_updateOutput)(THNNState *state, THTensor *input,
                                      THTensor *output,  // [OUT]
                                      THTensor *weight);
TH_API void THNN_(PReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                         THTensor *gradInput,  // [OUT]
                                         THTensor *weight);
TH_API void THNN_(PReLU_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                           THTensor *gradInput, THTensor *weight,
                                           THTensor *gradWeight,  // [OUT] accumulated into
                                           accreal scale);

/* Training: negative x is multiplied by a slope drawn uniformly from [lower, upper) (kept in
 * noise, 1 for x >= 0); evaluation: by (lower + upper) / 2. */
TH_API void THNN_(RReLU_updateOutput)(THNNState *state, THTensor *input,
                                      THTensor *output,  // [OUT]
                                      THTensor *noise,  // [BUFFER]
                                      accreal lower, accreal upper, bool train, bool inplace,
                                      THGenerator *generator);  // [OPTIONAL] NULL: the default
TH_API void THNN_(RReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                         THTensor *gradInput,  // [OUT]
                                         THTensor *noise,  // [BUFFER]
                                         accreal lower, accreal upper, bool train, bool inplace);

TH_API void THNN_(Sigmoid_updateOutput)(THNNState *state, THTensor *input,
                                        THTensor *output);  // [OUT]
TH_API void THNN_(Sigmoid_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                           THTensor *gradInput,  // [OUT]
                                           THTensor *output);

/* log(1 + exp(beta x)) / beta, and x itself where beta x > threshold. */
TH_API void THNN_(SoftPlus_updateOutput)(THNNState *state, THTensor *input,
                                         THTensor *output,  // [OUT]
                                         accreal beta, accreal threshold);
TH_API void THNN_(SoftPlus_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                            THTensor *gradInput,  // [OUT]
                                            THTensor *output, accreal beta, accreal threshold);

TH_API void THNN_(SoftShrink_updateOutput)(THNNState *state, THTensor *input,
                                           THTensor *output,  // [OUT]
                                           accreal lambda);
TH_API void THNN_(SoftShrink_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                              THTensor *gradInput,  // [OUT]
                                              accreal lambda);
TH_API void THNN_(HardShrink_updateOutput)(THNNState *state, THTensor *input,
                                           THTensor *output,  // [OUT]
                                           accreal lambda);
TH_API void THNN_(HardShrink_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                              THTensor *gradInput,  // [OUT]
                                              accreal lambda);

TH_API void THNN_(Tanh_updateOutput)(THNNState *state, THTensor *input,
                                     THTensor *output);  // [OUT]
TH_API void THNN_(Tanh_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                        THTensor *gradInput,  // [OUT]
                                        THTensor *output);

/* y = x > threshold ? x : val. */
TH_API void THNN_(Threshold_updateOutput)(THNNState *state, THTensor *input,
                                          THTensor *output,  // [OUT]
                                          accreal threshold, accreal val, bool inplace);
TH_API void THNN_(Threshold_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                             THTensor *gradInput,  // [OUT]
                                             accreal threshold, accreal val, bool inplace);

/* sqrt(x + eps); the gradient is 0 where the output is 0 (Lua Torch's convention). */
TH_API void THNN_(Sqrt_updateOutput)(THNNState *state, THTensor *input,
                                     THTensor *output,  // [OUT]
                                     accreal eps);
TH_API void THNN_(Sqrt_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                        THTensor *gradInput,  // [OUT]
                                        THTensor *output);
TH_API void THNN_(Square_updateOutput)(THNNState *state, THTensor *input,
                                       THTensor *output);  // [OUT]
TH_API void THNN_(Square_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                          THTensor *gradInput);  // [OUT]

/* ---------------------------------------------------------------- criterions
 * output: input's shape for reduction 0 (none), a 0-d tensor otherwise; gradOutput accordingly
 * (input's shape, or one element). */

TH_API void THNN_(AbsCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                             THTensor *output,  // [OUT]
                                             int64_t reduction);
TH_API void THNN_(AbsCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                THTensor *gradOutput,
                                                THTensor *gradInput,  // [OUT]
                                                int64_t reduction);
TH_API void THNN_(MSECriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                             THTensor *output,  // [OUT]
                                             int64_t reduction);
TH_API void THNN_(MSECriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                THTensor *gradOutput,
                                                THTensor *gradInput,  // [OUT]
                                                int64_t reduction);
/* 0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere (beta 0: the L1 loss). */
TH_API void THNN_(SmoothL1Criterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                                  THTensor *output,  // [OUT]
                                                  int64_t reduction, accreal beta);
TH_API void THNN_(SmoothL1Criterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                     THTensor *gradOutput,
                                                     THTensor *gradInput,  // [OUT]
                                                     int64_t reduction, accreal beta);
/* -w (t log x + (1 - t) log(1 - x)), each log clamped at -100; input in [0, 1]; weights has
 * input's number of elements. */
TH_API void THNN_(BCECriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                             THTensor *output,  // [OUT]
                                             int64_t reduction,
                                             THTensor *weights);  // [OPTIONAL]
TH_API void THNN_(BCECriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                THTensor *gradOutput,
                                                THTensor *gradInput,  // [OUT]
                                                int64_t reduction,
                                                THTensor *weights);  // [OPTIONAL]
/* input (C) or (N, C) of log-probabilities, target 0-d/(1) or (N) class indices in [0, C) or
 * ignore_index; weights (C); mean divides by the total weight of the counted targets, which is
 * left in total_weight (0-d). */
TH_API void THNN_(ClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                  THTensor *output,  // [OUT]
                                                  int64_t reduction,
                                                  THTensor *weights,  // [OPTIONAL]
                                                  THTensor *total_weight,  // [BUFFER]
                                                  int64_t ignore_index);
TH_API void THNN_(ClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                     THTensor *gradOutput,
                                                     THTensor *gradInput,  // [OUT]
                                                     int64_t reduction,
                                                     THTensor *weights,  // [OPTIONAL]
                                                     THTensor *total_weight,  // [BUFFER]
                                                     int64_t ignore_index);
/* input (N, C, H, W), target (N, H, W); otherwise as ClassNLLCriterion (none gives (N, H, W)). */
TH_API void THNN_(SpatialClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                         THIndexTensor *target,
                                                         THTensor *output,  // [OUT]
                                                         int64_t reduction,
                                                         THTensor *weights,  // [OPTIONAL]
                                                         THTensor *total_weight,  // [BUFFER]
                                                         int64_t ignore_index);
TH_API void THNN_(SpatialClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                            THIndexTensor *target, THTensor *gradOutput,
                                                            THTensor *gradInput,  // [OUT]
                                                            int64_t reduction,
                                                            THTensor *weights,  // [OPTIONAL]
                                                            THTensor *total_weight,  // [BUFFER]
                                                            int64_t ignore_index);
/* t (log t - x), 0 where t <= 0 (input holds log-probabilities). */
TH_API void THNN_(DistKLDivCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                                   THTensor *output,  // [OUT]
                                                   int64_t reduction);
TH_API void THNN_(DistKLDivCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                      THTensor *gradOutput,
                                                      THTensor *gradInput,  // [OUT]
                                                      int64_t reduction);
/* max(0, margin - x t). */
TH_API void THNN_(MarginCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                                THTensor *output,  // [OUT]
                                                int64_t reduction, accreal margin);
TH_API void THNN_(MarginCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                   THTensor *gradOutput,
                                                   THTensor *gradInput,  // [OUT]
                                                   int64_t reduction, accreal margin);
/* log(1 + exp(-t x)). */
TH_API void THNN_(SoftMarginCriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                                    THTensor *output,  // [OUT]
                                                    int64_t reduction);
TH_API void THNN_(SoftMarginCriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                                       THTensor *gradOutput,
                                                       THTensor *gradInput,  // [OUT]
                                                       int64_t reduction);
/* input (C) or (N, C); target of the same shape holding class indices, ended by the first -1;
 * loss_n = sum over targets j and non-targets k of max(0, 1 - x[j] + x[k]) / C.  isTarget marks
 * the targets. */
TH_API void THNN_(MultiLabelMarginCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                          THIndexTensor *target,
                                                          THTensor *output,  // [OUT]
                                                          THTensor *isTarget,  // [BUFFER]
                                                          int64_t reduction);
TH_API void THNN_(MultiLabelMarginCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                             THIndexTensor *target, THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             THTensor *isTarget,  // [BUFFER]
                                                             int64_t reduction);
/* input (C) or (N, C), target (N) (or one index); loss_n = sum over j != y of
 * w[y] max(0, margin - x[y] + x[j])^p / C, p 1 or 2. */
TH_API void THNN_(MultiMarginCriterion_updateOutput)(THNNState *state, THTensor *input, THIndexTensor *target,
                                                     THTensor *output,  // [OUT]
                                                     int64_t reduction, int p,
                                                     THTensor *weights,  // [OPTIONAL]
                                                     accreal margin);
TH_API void THNN_(MultiMarginCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                        THIndexTensor *target, THTensor *gradOutput,
                                                        THTensor *gradInput,  // [OUT]
                                                        int64_t reduction, int p,
                                                        THTensor *weights,  // [OPTIONAL]
                                                        accreal margin);

/* ---------------------------------------------------------------- LookupTable
 * gradWeight[input[i]] += scale * gradOutput[i] (divided by the index's count in input when
 * scaleGradByFreq), skipping paddingValue (pass -1 for none).  sorted and indices are unused on
 * CPU (Lua Torch's CUDA buffers). */
TH_API void THNN_(LookupTable_accGradParameters)(THNNState *state, THIndexTensor *input, THTensor *gradOutput,
                                                 THTensor *gradWeight,  // [OUT] accumulated into
                                                 THIntegerTensor *count,  // [BUFFER]
                                                 THTensor *sorted,  // [OPTIONAL]
                                                 THIndexTensor *indices,  // [OPTIONAL]
                                                 bool scaleGradByFreq, int paddingValue, accreal scale);
/* Rescales the rows of weight named in idx whose normType-norm exceeds maxNorm to that norm. */
TH_API void THNN_(LookupTable_renorm)(THNNState *state, THIndexTensor *idx,
                                      THTensor *weight,  // [OUT] modified in place
                                      accreal maxNorm, accreal normType);

/* ---------------------------------------------------------------- BatchNormalization
 * input (N, C, ...).  train: normalises with the batch statistics, leaves the mean and 1/std in
 * save_mean/save_std and updates running_mean/running_var (unbiased) with momentum when given;
 * evaluation: uses running_mean/running_var. */
TH_API void THNN_(BatchNormalization_updateOutput)(THNNState *state, THTensor *input,
                                                   THTensor *output,  // [OUT]
                                                   THTensor *weight,  // [OPTIONAL]
                                                   THTensor *bias,  // [OPTIONAL]
                                                   THTensor *running_mean,  // [OPTIONAL]
                                                   THTensor *running_var,  // [OPTIONAL]
                                                   THTensor *save_mean,  // [BUFFER]
                                                   THTensor *save_std,  // [BUFFER]
                                                   bool train, double momentum, double eps);
/* gradInput is written; gradWeight/gradBias are accumulated into (scale times). */
TH_API void THNN_(BatchNormalization_backward)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                               THTensor *gradInput,  // [OUT] [OPTIONAL]
                                               THTensor *gradWeight,  // [OUT] [OPTIONAL]
                                               THTensor *gradBias,  // [OUT] [OPTIONAL]
                                               THTensor *weight,  // [OPTIONAL]
                                               THTensor *running_mean,  // [OPTIONAL]
                                               THTensor *running_var,  // [OPTIONAL]
                                               THTensor *save_mean,  // [OPTIONAL]
                                               THTensor *save_std,  // [OPTIONAL]
                                               bool train, double scale, double eps);

/* ---------------------------------------------------------------- SpatialConvolutionMM
 * input (C, H, W) or (N, C, H, W); weight (nOut, C, kH, kW) or (nOut, C*kH*kW); bias (nOut).
 * finput and fgradInput are scratch (im2col columns of the images that run at once, one per thread). */
TH_API void THNN_(SpatialConvolutionMM_updateOutput)(THNNState *state, THTensor *input,
                                                     THTensor *output,  // [OUT]
                                                     THTensor *weight,
                                                     THTensor *bias,  // [OPTIONAL]
                                                     THTensor *finput,  // [BUFFER]
                                                     THTensor *fgradInput,  // [BUFFER]
                                                     int kW, int kH, int dW, int dH, int padW, int padH);
TH_API void THNN_(SpatialConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                        THTensor *gradInput,  // [OUT]
                                                        THTensor *weight,
                                                        THTensor *finput,  // [BUFFER]
                                                        THTensor *fgradInput,  // [BUFFER]
                                                        int kW, int kH, int dW, int dH, int padW, int padH);
TH_API void THNN_(SpatialConvolutionMM_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                          THTensor *gradWeight,  // [OUT] accumulated into
                                                          THTensor *gradBias,  // [OUT] [OPTIONAL]
                                                          THTensor *finput,  // [BUFFER]
                                                          THTensor *fgradInput,  // [BUFFER]
                                                          int kW, int kH, int dW, int dH, int padW, int padH,
                                                          accreal scale);

/* ---------------------------------------------------------------- spatial pooling
 * input (C, H, W) or (N, C, H, W).  indices hold the argmax as h * W + w in its input plane. */
TH_API void THNN_(SpatialMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                  THTensor *output,  // [OUT]
                                                  THIndexTensor *indices,  // [OUT]
                                                  int kW, int kH, int dW, int dH, int padW, int padH,
                                                  bool ceil_mode);
TH_API void THNN_(SpatialMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                     THTensor *gradInput,  // [OUT]
                                                     THIndexTensor *indices,
                                                     int kW, int kH, int dW, int dH, int padW, int padH,
                                                     bool ceil_mode);
TH_API void THNN_(SpatialDilatedMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output,  // [OUT]
                                                         THIndexTensor *indices,  // [OUT]
                                                         int kW, int kH, int dW, int dH, int padW, int padH,
                                                         int dilationW, int dilationH, bool ceil_mode);
TH_API void THNN_(SpatialDilatedMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                            THTensor *gradOutput,
                                                            THTensor *gradInput,  // [OUT]
                                                            THIndexTensor *indices,
                                                            int kW, int kH, int dW, int dH, int padW, int padH,
                                                            int dilationW, int dilationH, bool ceil_mode);
TH_API void THNN_(SpatialAveragePooling_updateOutput)(THNNState *state, THTensor *input,
                                                      THTensor *output,  // [OUT]
                                                      int kW, int kH, int dW, int dH, int padW, int padH,
                                                      bool ceil_mode, bool count_include_pad);
TH_API void THNN_(SpatialAveragePooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                         THTensor *gradInput,  // [OUT]
                                                         int kW, int kH, int dW, int dH, int padW, int padH,
                                                         bool ceil_mode, bool count_include_pad);
/* Output cell o of an adaptive pooling covers [floor(o I / O), ceil((o + 1) I / O)). */
TH_API void THNN_(SpatialAdaptiveAveragePooling_updateOutput)(THNNState *state, THTensor *input,
                                                              THTensor *output,  // [OUT]
                                                              int osizeW, int osizeH);
TH_API void THNN_(SpatialAdaptiveAveragePooling_updateGradInput)(THNNState *state, THTensor *input,
                                                                 THTensor *gradOutput,
                                                                 THTensor *gradInput);  // [OUT]
TH_API void THNN_(SpatialAdaptiveMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *output,  // [OUT]
                                                          THIndexTensor *indices,  // [OUT]
                                                          int osizeW, int osizeH);
TH_API void THNN_(SpatialAdaptiveMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                             THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             THIndexTensor *indices);

/* ---------------------------------------------------------------- SpatialDilatedConvolution
 * SpatialConvolutionMM with dilated taps: weight (nOut, C, kH, kW) or (nOut, C*kH*kW); output side
 * (H + 2 padH - dilationH (kH - 1) - 1) / dH + 1.  columns is scratch (as
 * SpatialConvolutionMM's finput); ones is unused on CPU (Lua Torch's bias trick). */
TH_API void THNN_(SpatialDilatedConvolution_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *output,  // [OUT]
                                                          THTensor *weight,
                                                          THTensor *bias,  // [OPTIONAL]
                                                          THTensor *columns,  // [BUFFER]
                                                          THTensor *ones,  // [BUFFER]
                                                          int kW, int kH, int dW, int dH, int padW, int padH,
                                                          int dilationW, int dilationH);
TH_API void THNN_(SpatialDilatedConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             THTensor *weight,
                                                             THTensor *gradColumns,  // [BUFFER]
                                                             int kW, int kH, int dW, int dH, int padW, int padH,
                                                             int dilationW, int dilationH);
TH_API void THNN_(SpatialDilatedConvolution_accGradParameters)(THNNState *state, THTensor *input,
                                                               THTensor *gradOutput,
                                                               THTensor *gradWeight,  // [OUT] accumulated into
                                                               THTensor *gradBias,  // [OUT] [OPTIONAL]
                                                               THTensor *columns,  // [BUFFER]
                                                               THTensor *ones,  // [BUFFER]
                                                               int kW, int kH, int dW, int dH, int padW, int padH,
                                                               int dilationW, int dilationH, accreal scale);

/* ---------------------------------------------------------------- SpatialFull(Dilated)Convolution
 * Transposed convolution (PyTorch's conv_transpose2d): input (C, H, W) or (N, C, H, W); weight
 * (C, nOut, kH, kW); output side (H - 1) dH - 2 padH + dilationH (kH - 1) + 1 + adjH, adj (the
 * output padding) smaller than the stride or the dilation.  columns (N, nOut*kH*kW, H*W); ones
 * is unused on CPU. */
TH_API void THNN_(SpatialFullDilatedConvolution_updateOutput)(THNNState *state, THTensor *input,
                                                              THTensor *output,  // [OUT]
                                                              THTensor *weight,
                                                              THTensor *bias,  // [OPTIONAL]
                                                              THTensor *columns,  // [BUFFER]
                                                              THTensor *ones,  // [BUFFER]
                                                              int kW, int kH, int dW, int dH, int padW, int padH,
                                                              int dilationW, int dilationH, int adjW, int adjH);
TH_API void THNN_(SpatialFullDilatedConvolution_updateGradInput)(THNNState *state, THTensor *input,
                                                                 THTensor *gradOutput,
                                                                 THTensor *gradInput,  // [OUT]
                                                                 THTensor *weight,
                                                                 THTensor *gradColumns,  // [BUFFER]
                                                                 int kW, int kH, int dW, int dH, int padW, int padH,
                                                                 int dilationW, int dilationH, int adjW, int adjH);
TH_API void THNN_(SpatialFullDilatedConvolution_accGradParameters)(THNNState *state, THTensor *input,
                                                                   THTensor *gradOutput,
                                                                   THTensor *gradWeight,  // [OUT] accumulated into
                                                                   THTensor *gradBias,  // [OUT] [OPTIONAL]
                                                                   THTensor *columns,  // [BUFFER]
                                                                   THTensor *ones,  // [BUFFER]
                                                                   int kW, int kH, int dW, int dH, int padW, int padH,
                                                                   int dilationW, int dilationH, int adjW, int adjH,
                                                                   accreal scale);
TH_API void THNN_(SpatialFullConvolution_updateOutput)(THNNState *state, THTensor *input,
                                                       THTensor *output,  // [OUT]
                                                       THTensor *weight,
                                                       THTensor *bias,  // [OPTIONAL]
                                                       THTensor *columns,  // [BUFFER]
                                                       THTensor *ones,  // [BUFFER]
                                                       int kW, int kH, int dW, int dH, int padW, int padH, int adjW,
                                                       int adjH);
TH_API void THNN_(SpatialFullConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                          THTensor *gradInput,  // [OUT]
                                                          THTensor *weight,
                                                          THTensor *gradColumns,  // [BUFFER]
                                                          int kW, int kH, int dW, int dH, int padW, int padH,
                                                          int adjW, int adjH);
TH_API void THNN_(SpatialFullConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                            THTensor *gradWeight,  // [OUT] accumulated into
                                                            THTensor *gradBias,  // [OUT] [OPTIONAL]
                                                            THTensor *columns,  // [BUFFER]
                                                            THTensor *ones,  // [BUFFER]
                                                            int kW, int kH, int dW, int dH, int padW, int padH,
                                                            int adjW, int adjH, accreal scale);

/* ---------------------------------------------------------------- temporal convolution / pooling
 * input (T, F) or (N, T, F): T frames of F features.  TemporalConvolution: weight
 * (outputFrameSize, kW*F) (tap-major: column k F + f), bias (outputFrameSize); output
 * ((T - kW) / dW + 1, outputFrameSize). */
TH_API void THNN_(TemporalConvolution_updateOutput)(THNNState *state, THTensor *input,
                                                    THTensor *output,  // [OUT]
                                                    THTensor *weight,
                                                    THTensor *bias,  // [OPTIONAL]
                                                    int kW, int dW, int inputFrameSize, int outputFrameSize);
TH_API void THNN_(TemporalConvolution_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                       THTensor *gradInput,  // [OUT]
                                                       THTensor *weight, int kW, int dW);
TH_API void THNN_(TemporalConvolution_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                         THTensor *gradWeight,  // [OUT] accumulated into
                                                         THTensor *gradBias,  // [OUT] [OPTIONAL]
                                                         int kW, int dW, accreal scale);
/* Max over windows of kW frames, per feature; indices hold the argmax's input frame (0-based). */
TH_API void THNN_(TemporalMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                   THTensor *output,  // [OUT]
                                                   THIndexTensor *indices,  // [OUT]
                                                   int kW, int dW);
TH_API void THNN_(TemporalMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                      THTensor *gradInput,  // [OUT]
                                                      THIndexTensor *indices, int kW, int dW);

/* ---------------------------------------------------------------- padding
 * Spatial: input (C, H, W) or (N, C, H, W), output (..., H + pad_top + pad_bottom,
 * W + pad_left + pad_right); Temporal: input (C, W) or (N, C, W).  Negative pads crop.  Reflection
 * mirrors about the edge element (pads smaller than the dimension), replication repeats it. */
TH_API void THNN_(SpatialReflectionPadding_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output,  // [OUT]
                                                         int pad_left, int pad_right, int pad_top, int pad_bottom);
TH_API void THNN_(SpatialReflectionPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                            THTensor *gradInput,  // [OUT]
                                                            int pad_left, int pad_right, int pad_top,
                                                            int pad_bottom);
TH_API void THNN_(SpatialReplicationPadding_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *output,  // [OUT]
                                                          int pad_left, int pad_right, int pad_top, int pad_bottom);
TH_API void THNN_(SpatialReplicationPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             int pad_left, int pad_right, int pad_top,
                                                             int pad_bottom);
TH_API void THNN_(TemporalReflectionPadding_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *output,  // [OUT]
                                                          int pad_left, int pad_right);
TH_API void THNN_(TemporalReflectionPadding_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             int pad_left, int pad_right);
TH_API void THNN_(TemporalReplicationPadding_updateOutput)(THNNState *state, THTensor *input,
                                                           THTensor *output,  // [OUT]
                                                           int pad_left, int pad_right);
TH_API void THNN_(TemporalReplicationPadding_updateGradInput)(THNNState *state, THTensor *input,
                                                              THTensor *gradOutput,
                                                              THTensor *gradInput,  // [OUT]
                                                              int pad_left, int pad_right);

/* ---------------------------------------------------------------- upsampling
 * Spatial: input (C, H, W) or (N, C, H, W) -> (..., osizeH, osizeW); Temporal: (C, W) or
 * (N, C, W) -> (..., osizeW).  The backward passes take gradOutput and the input's sizes
 * (isizeB, isizeC, ...) instead of the input (PyTorch's protocol) and give gradInput
 * (isizeB, isizeC, ...).  Nearest: output o reads min(floor(o s), in - 1) with s = 1 / scale when
 * the scale (PyTorch's scale_factor) is > 0, in / out otherwise (pass 0).  Linear: PyTorch's
 * source index (align_corners: o (in - 1) / (out - 1); otherwise max((o + 0.5) in / out - 0.5, 0)). */
TH_API void THNN_(SpatialUpSamplingNearest_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output,  // [OUT]
                                                         int osizeH, int osizeW, double scaleH, double scaleW);
TH_API void THNN_(SpatialUpSamplingNearest_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                                            THTensor *gradInput,  // [OUT]
                                                            int isizeB, int isizeC, int isizeH, int isizeW,
                                                            int osizeH, int osizeW, double scaleH, double scaleW);
TH_API void THNN_(TemporalUpSamplingNearest_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *output,  // [OUT]
                                                          int osizeW, double scaleW);
TH_API void THNN_(TemporalUpSamplingNearest_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             int isizeB, int isizeC, int isizeW, int osizeW,
                                                             double scaleW);
TH_API void THNN_(SpatialUpSamplingBilinear_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *output,  // [OUT]
                                                          int osizeH, int osizeW, bool align_corners);
TH_API void THNN_(SpatialUpSamplingBilinear_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                                             THTensor *gradInput,  // [OUT]
                                                             int isizeB, int isizeC, int isizeH, int isizeW,
                                                             int osizeH, int osizeW, bool align_corners);
TH_API void THNN_(TemporalUpSamplingLinear_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output,  // [OUT]
                                                         int osizeW, bool align_corners);
TH_API void THNN_(TemporalUpSamplingLinear_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                                            THTensor *gradInput,  // [OUT]
                                                            int isizeB, int isizeC, int isizeW, int osizeW,
                                                            bool align_corners);

/* ---------------------------------------------------------------- grid sampling, unpooling
 * SpatialGridSamplerBilinear (PyTorch's grid_sample, bilinear): input (N, C, IH, IW), grid
 * (N, H, W, 2) of normalised (x, y) in [-1, 1] (-1 and 1 the centres of the edge pixels with
 * align_corners, their outer edges otherwise); output (N, C, H, W).  padding_mode 0: zeros
 * outside, 1: border (coordinates clamped into the image, no gradient through the clamp). */
TH_API void THNN_(SpatialGridSamplerBilinear_updateOutput)(THNNState *state, THTensor *input, THTensor *grid,
                                                           THTensor *output,  // [OUT]
                                                           int padding_mode, bool align_corners);
TH_API void THNN_(SpatialGridSamplerBilinear_updateGradInput)(THNNState *state, THTensor *input,
                                                              THTensor *gradInput,  // [OUT]
                                                              THTensor *grid,
                                                              THTensor *gradGrid,  // [OUT]
                                                              THTensor *gradOutput, int padding_mode,
                                                              bool align_corners);
/* input (C, H, W) or (N, C, H, W) and indices of its size (flat h * owidth + w positions in the
 * output plane, as SpatialMaxPooling gives them); output (..., oheight, owidth), zero elsewhere. */
TH_API void THNN_(SpatialMaxUnpooling_updateOutput)(THNNState *state, THTensor *input,
                                                    THTensor *output,  // [OUT]
                                                    THIndexTensor *indices, int owidth, int oheight);
TH_API void THNN_(SpatialMaxUnpooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                       THTensor *gradInput,  // [OUT]
                                                       THIndexTensor *indices, int owidth, int oheight);
/* Fractional max pooling: poolSizeH x poolSizeW windows at pseudo-random starts from
 * randomSamples (N, C, 2) in [0, 1) ([.., 0] along W, [.., 1] along H; PyTorch's interval
 * generator); output (..., outputH, outputW); indices as SpatialMaxPooling's. */
TH_API void THNN_(SpatialFractionalMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                            THTensor *output,  // [OUT]
                                                            int outputW, int outputH, int poolSizeW, int poolSizeH,
                                                            THIndexTensor *indices,  // [OUT]
                                                            THTensor *randomSamples);
TH_API void THNN_(SpatialFractionalMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                               THTensor *gradOutput,
                                                               THTensor *gradInput,  // [OUT]
                                                               int outputW, int outputH, int poolSizeW,
                                                               int poolSizeH, THIndexTensor *indices);

/* ---------------------------------------------------------------- volumetric
 * input (C, T, H, W) or (N, C, T, H, W).  VolumetricConvolutionMM: weight (nOut, C, kT, kH, kW) or
 * (nOut, C*kT*kH*kW), bias (nOut); finput keeps the vol2col columns (N, C*kT*kH*kW, oT*oH*oW),
 * fgradInput is scratch. */
TH_API void THNN_(VolumetricConvolutionMM_updateOutput)(THNNState *state, THTensor *input,
                                                        THTensor *output,  // [OUT]
                                                        THTensor *weight,
                                                        THTensor *bias,  // [OPTIONAL]
                                                        THTensor *finput,  // [BUFFER]
                                                        THTensor *fgradInput,  // [BUFFER]
                                                        int kT, int kW, int kH, int dT, int dW, int dH, int pT,
                                                        int pW, int pH);
TH_API void THNN_(VolumetricConvolutionMM_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                           THTensor *gradInput,  // [OUT]
                                                           THTensor *weight,
                                                           THTensor *finput,  // [BUFFER]
                                                           THTensor *fgradInput,  // [BUFFER]
                                                           int kT, int kW, int kH, int dT, int dW, int dH, int pT,
                                                           int pW, int pH);
TH_API void THNN_(VolumetricConvolutionMM_accGradParameters)(THNNState *state, THTensor *input,
                                                             THTensor *gradOutput,
                                                             THTensor *gradWeight,  // [OUT] accumulated into
                                                             THTensor *gradBias,  // [OUT] [OPTIONAL]
                                                             THTensor *finput,  // [BUFFER]
                                                             THTensor *fgradInput,  // [BUFFER]
                                                             int kT, int kW, int kH, int dT, int dW, int dH, int pT,
                                                             int pW, int pH, accreal scale);
/* Pooling windows kT x kH x kW (padding at most half the kernel, ceil mode as the spatial ones);
 * max indices are t * H * W + h * W + w in the input volume. */
TH_API void THNN_(VolumetricMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                     THTensor *output,  // [OUT]
                                                     THIndexTensor *indices,  // [OUT]
                                                     int kT, int kW, int kH, int dT, int dW, int dH, int pT, int pW,
                                                     int pH, bool ceilMode);
TH_API void THNN_(VolumetricMaxPooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                        THTensor *gradInput,  // [OUT]
                                                        THIndexTensor *indices,
                                                        int kT, int kW, int kH, int dT, int dW, int dH, int pT, int pW,
                                                        int pH, bool ceilMode);
TH_API void THNN_(VolumetricAveragePooling_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output,  // [OUT]
                                                         int kT, int kW, int kH, int dT, int dW, int dH, int padT,
                                                         int padW, int padH, bool ceil_mode, bool count_include_pad);
TH_API void THNN_(VolumetricAveragePooling_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                                            THTensor *gradInput,  // [OUT]
                                                            int kT, int kW, int kH, int dT, int dW, int dH, int padT,
                                                            int padW, int padH, bool ceil_mode,
                                                            bool count_include_pad);

/* ---------------------------------------------------------------- RNNFused
 * The time loop of one layer and direction of a recurrent network, over packed sequences: step t
 * covers rows [off_t, off_t + batchSizes[t]) of each (total, *) tensor (batch sizes positive and
 * non-increasing; N = batchSizes[0]); reverse runs the steps last to first.  mode: 0 Elman RNN
 * with tanh, 1 with relu, 2 LSTM (gates i, f, g, o), 3 GRU (gates r, z, n); G = 1, 1, 4, 3 gates of
 * hidden size H; P, the size of the hidden output, is H except for an LSTM with weight_hr (P, H).
 * The caller computes the input projections of all steps in one GEMM beforehand and the weight
 * gradients from gradGates afterwards (one GEMM each, summed over time). */
/* gates: in, x W_ih^T + b_ih (+ b_hh except for a GRU), (total, G H); out, the activated gates (the
 * hidden output for an Elman RNN).  weight_hh (G H, P); bias_hh (G H) is read for a GRU only.
 * hx (N, P), cx (N, H) (LSTM) are the initial states, hy and cy the final ones; output (total, P);
 * hprev (total, P) the hidden state each step read; saved: LSTM (total, 2H or 3H with weight_hr)
 * c_{t-1}, tanh(c_t) [, o tanh(c_t)]; GRU (total, H) h W_hn^T + b_hn; unused for an Elman RNN. */
TH_API void THNN_(RNNFused_updateOutput)(THNNState *state, int mode,
                                         THTensor *gates,  // [OUT] modified in place
                                         THTensor *weight_hh,
                                         THTensor *bias_hh,  // [OPTIONAL]
                                         THTensor *weight_hr,  // [OPTIONAL]
                                         THIndexTensor *batchSizes, bool reverse, THTensor *hx,
                                         THTensor *cx,  // [OPTIONAL]
                                         THTensor *output,  // [OUT]
                                         THTensor *hy,  // [OUT]
                                         THTensor *cy,  // [OUT] [OPTIONAL]
                                         THTensor *hprev,  // [BUFFER]
                                         THTensor *saved);  // [BUFFER]
/* Backpropagation through time from the forward's gates, hprev and saved.  gradGates (total, G H):
 * the gradient of the pre-activation gates (of the input projections); gradGatesH (GRU only): of
 * h W_hh^T + b_hh (for the other modes it equals gradGates); gradHx, gradCx: of hx, cx;
 * gradHidden (total, P): the total gradient of each step's hidden output (for weight_hr's). */
TH_API void THNN_(RNNFused_updateGradInput)(THNNState *state, int mode, THTensor *gates, THTensor *weight_hh,
                                            THTensor *weight_hr,  // [OPTIONAL]
                                            THIndexTensor *batchSizes, bool reverse,
                                            THTensor *hprev,  // [OPTIONAL] read by a GRU
                                            THTensor *saved,  // [OPTIONAL] read by an LSTM or GRU
                                            THTensor *gradOutput,  // [OPTIONAL]
                                            THTensor *gradHy,  // [OPTIONAL]
                                            THTensor *gradCy,  // [OPTIONAL]
                                            THTensor *gradGates,  // [OUT]
                                            THTensor *gradGatesH,  // [OUT] [OPTIONAL]
                                            THTensor *gradHx,  // [OUT]
                                            THTensor *gradCx,  // [OUT] [OPTIONAL]
                                            THTensor *gradHidden);  // [OUT] [OPTIONAL]
