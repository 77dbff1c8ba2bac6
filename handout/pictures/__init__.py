"""Line-art exercise pictures drawn from pose data.

A picture shows a movement: the start and end positions and an arrow for the direction. People
are drawn from a body model (``body.py``), so a pose is data: a new exercise adds poses, not
drawing code. Words are never drawn (a picture serves every language); digits are.

Picture data (YAML, the value under an exercise)::

    layout: row                 # optional: frames side by side (row) or stacked (column)
    frames:                     # one or more, all at the same scale
      - number: 1               # optional: step number in the top-left corner
        props:                  # optional; the floor is y = 0, x runs to the right
          - {type: floor, from: -40, to: 40}
          - {type: mat, from: -60, to: 50}                 # on the floor, top at y = 4
          - {type: step, from: 20, to: 45, height: 12}
          - {type: wall, x: 30, side: right}               # face at x; height 110 unless given
          - {type: chair, x: 10, facing: right, seat: 27}  # x: front edge of the seat
          - {type: clock, at: [60, 80], minutes: [30, 60]} # dial and the digits "30-60"
        figures:                # a ghost: true figure is drawn hollow and grey, underneath
          - at: [0, 1.5]        # where the anchor point goes
            anchor: ankle_l     # optional (default pelvis): any point named below
            facing: right       # optional (default right)
            turn: 0             # optional: tips the whole body forward; -90 lies on the back
            joints: {hip_r: 30, knee_r: 10, ankle_r: 15}  # degrees, -180..180; omitted = 0
            reach: {hand_r: [28.5, 70]}  # optional: solve shoulder+elbow (hand_*) or hip+knee
                                         # (ankle_*) so that point lands on the target
            lengths: {shin: 25} # optional: trunk, neck, head (radius), upper_arm, forearm,
                                # thigh, shin, foot
            ghost: true
        arrows:                 # solid, in the accent colour
          - {from: [10, 20], to: [30, 20], bend: 40}   # bend: bow left of the line, degrees
          - {from: {point: toe_r, figure: 1, shift: [0, 5]}, to: [40, 30]}
          - {around: {point: calf_r}, radius: 8, start: 200, end: -20, squash: 0.4, tilt: 30}
          # around: along an ellipse from angle start to end (0 = right, 90 = up), squash
          # flattens it, tilt turns it; both_ends: true puts a head on each end

A position is [x, y] or a body point of a figure in the frame (figure counts from 1).

Angles are anatomical, 0 everywhere is standing upright with the arms hanging: trunk and neck
bend forward, shoulder and hip swing the limb forward (negative: back), elbow bends forward,
knee bends back, ankle lifts the toes (negative: points them). Points: pelvis, shoulders,
head, elbow_*, hand_*, knee_*, calf_*, ankle_*, toe_* (*: l or r; facing right shows the
right side in front). A standing figure is about 100 units tall. Points are the centres of
strokes 3 units thick, so a foot on the floor has its ankle at y = 1.5 and a hand on a wall
at x = 30 is at x = 28.5. Mistakes (unknown names, angles out of range, a reach the limb
cannot make) raise ``PictureError`` naming the file, exercise and place.

The package has two halves: pose data (``body``, ``model``, ``parse``), plain Python that
content loading uses, and drawing (``sketch``, ``figures``, ``arrows``, ``props``, ``draw``,
``flowable``), which ReportLab draws for the layout stage.
"""
