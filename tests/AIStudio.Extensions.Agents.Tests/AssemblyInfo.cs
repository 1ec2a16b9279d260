// The agents' registry, the hub connection and AISTUDIO_* variables are process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
