"""Line-art exercise pictures drawn from pose data.

A picture shows a movement: the start and end positions and an arrow for the direction. People
are drawn from a body model (``body.py``), so a pose is data: a new exercise adds poses, not
drawing code. Words are never drawn (a picture serves every language); digits are.

Picture data (YAML, the value under an exercise)::

    layout: row                 # optional: frames side by side (row) or stacked (column)
    frames:                     # one or more, all at the same scale unless zoomed
      - number: 1               # optional: step number in the frame's top corner
        key: true               # optional: the frame a thumbnail shows (default: the last)
        props:                  # optional; the floor is y = 0, x runs to the right
          - {type: floor, from: -40, to: 40}
          - {type: mat, from: -60, to: 50}                 # on the floor, top at y = 4
          - {type: step, from: 20, to: 45, height: 12}
          - {type: wall, x: 30, side: right}               # face at x; height 110 unless given
          - {type: wall-behind, from: -30, to: 30}         # seen face on, behind: beside them
          - {type: chair, x: 10, facing: right, seat: 27}  # x: front edge of the seat
          - {type: chair, x: -40, facing: left, behind: true}  # beside, beyond: lighter
          - {type: clock, at: [60, 80], minutes: [30, 60]} # dial and the digits "30-60"
        figures:                # a ghost: true figure is drawn as a dashed outline, underneath
          - at: [0, 0]          # where the anchor point goes
            anchor: heel_l      # optional (default pelvis): any point named below
            facing: right       # optional (default right)
            turn: 0             # optional: tips the whole body forward; -90 lies on the back
            joints: {hip_r: 30, knee_r: 10, ankle_r: 15}  # degrees, -180..180; omitted = 0
            reach: {hand_l: [28, 70]}  # optional: solve shoulder+elbow (hand_*) or hip+knee
                                       # (ankle_*, heel_*, toe_*) so that point lands there
            flat: [foot_l]      # optional: set these feet's ankles so their soles lie level
            moving: [leg_r]     # optional: parts set apart, the ones that move or stretch
            in_front: [arm_l]   # optional: far-side parts drawn over the near side
            lengths: {shin: 24} # optional: trunk, neck, head (radius), upper_arm, forearm,
                                # hand, thigh, shin, foot
            ghost: false
        arrows:                 # solid, in the accent colour, in a white band
          - {from: [10, 20], to: [30, 20], bend: 40}   # bend: bow left of the line, degrees
          - {from: {point: toe_r, figure: 1, shift: [0, 5]}, to: [40, 30]}
          - {around: {point: calf_r}, radius: 8, start: 200, end: -20, squash: 0.4, tilt: 30}
          # around: along an ellipse from angle start to end (0 = right, 90 = up), squash
          # flattens it, tilt turns it; both_ends: true puts a head on each end
      - zoom: 2                 # a close-up: this frame drawn twice as large (lines are not)
        crop: [-10, 0, 20, 30]  # optional: only this box of it shows, framed: left, bottom,
                                # right, top in its own units (before the zoom)
        figures:
          - {at: [0, 0], anchor: heel_l, joints: {ankle_r: 20}, moving: [foot_r]}

A position is [x, y] or a body point of a figure in the frame (figure counts from 1).

Angles are anatomical, 0 everywhere is standing upright with the arms hanging: trunk and neck
bend forward, shoulder and hip swing the limb forward (negative: back), elbow bends forward,
wrist turns the hand forward from the forearm's line (90 with the arm held out: palm flat on
a wall), knee bends back, ankle lifts the toes (negative: points them). Points: pelvis (the
hip joint), shoulders, head (centre), elbow_*, wrist_*, hand_* (the middle of the hand),
knee_*, calf_* (the middle of the shin), ankle_* (the joint), heel_* and toe_* (the back and
the tip of the sole); *: l or r, and facing right shows the right side in front.

A standing figure is about 100 units tall. Points are centre lines: the drawing gives the body
its volume around them (the figure's outline lies about 2 units from a hand point, 5 from the
pelvis), except the sole: a foot flat on the floor has its heel and toe at y = 0 and its
ankle 5 above. So a hand flat on a wall at x = 30 is at x = 28, and one holding a chair's
back is about at its top, 30 above the seat. Mistakes (unknown names, angles out of range,
a reach the limb cannot make) raise ``PictureError`` naming the file, exercise and place.

The figure is drawn in the ink, its far arm and leg lighter. ``moving`` parts (arm_*, leg_*,
foot_*, trunk, head) get a pale fill inside a heavy outline in the accent colour: they stand
apart in colour and in black and white (where the accent is the ink) alike. A ghost shows
the other position: a dashed outline, its moving parts' in the accent colour. In a box too
small for the whole picture (a thumbnail) only the key frame shows, cut to its solid figures
(no ghosts, no clock). Frames run from left to right, or from right to left for a
right-to-left language (``rtl``); the figures in them are not mirrored.

The package has two halves: pose data (``body``, ``model``, ``parse``), plain Python that
content loading uses, and drawing (``sketch``, ``figures``, ``arrows``, ``props``, ``draw``,
``flowable``), which ReportLab draws for the layout stage.
"""
